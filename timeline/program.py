"""The ``timeline`` process: what it sets before anything else loads, then the command line.

Loading typer and the commands' modules is most of a short run's CPU, and a good part of a
long one's (about a fifth of ``timeline tag`` over 256 TempEval-3 files). Two things are
done first, so that they apply to that loading too:

- The garbage collector's first threshold is raised from 700 to :data:`YOUNG_OBJECTS`:
  loading makes tens of thousands of objects that live as long as the process (functions,
  classes, rule tables), and each collection of the young ones, every 700 of them, passed
  over them again, with a full pass every hundred collections. As mypy does for its run;
  the cycles a command leaves behind wait for a collection a little longer, which costs a
  few megabytes at most (1% of a whole ``timeline tag`` run's instructions, a little more
  of its CPU time). Forked workers inherit it; spawned ones keep Python's default.
- The patterns the command compiled last time are put back into ``re``'s cache (see
  ``rule_cache``), so that what typer and the standard modules it loads compile is taken
  from there too. The command is read off the arguments before the command line knows its
  commands; the command line then settles it, and when the first read was wrong (a
  misspelt command) restores the file of the command it settled on, whose kept patterns
  would otherwise be saved over with none.

The ``timeline`` script and ``python -m timeline`` start here; the library never does.
"""

from __future__ import annotations

import gc
import sys

#: Young objects the garbage collector lets accumulate before it collects them (Python's
#: default is 700); the older generations keep their defaults' ratios.
YOUNG_OBJECTS = 50_000


def collect_young_objects_less_often() -> None:
    """Python's first threshold raised to :data:`YOUNG_OBJECTS`, the others as they were."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)


def main() -> None:
    """Run the ``timeline`` command line as a process."""
    collect_young_objects_less_often()
    from timeline.rule_cache import named_command, restore_patterns

    command = named_command(sys.argv[1:])
    restored = restore_patterns(command)
    from timeline.cli import main as run_command_line

    run_command_line(early=(command, restored))

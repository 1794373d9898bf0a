"""Plain command-line values (strings, flags, choices, numbers) read without pydantic.

Typer checks every value through a pydantic ``TypeAdapter``, so merely starting a command
imports pydantic and builds one adapter per option: about 0.07 s of CPU, near a tenth of a
whole ``timeline tag -f timeml`` run over 256 files, whose work needs no pydantic at all.
Our options are mostly strings, lists of strings, flags and enum choices, which need no
schema: those are converted here, with typer's own choice matching and messages, and so are
numbers written as plain digits within their range. Paths, and any value this does not
accept (a number out of range or written otherwise, bytes), stay with typer, which checks
and explains them as always.
Older typer versions, which convert through click and have none of this machinery, are
left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

try:
    from typer._click import Context
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - an older typer, which coerces through click
    RuntimeParam = None  # type: ignore[assignment,misc]

__all__ = ["plain_coercion"]

_PLAIN_INT = re.compile(r"(?P<digits>[0-9]{1,9})")
_PLAIN_FLOAT = re.compile(r"(?P<whole>[0-9]{1,9})(?:\.(?P<fraction>[0-9]{1,9}))?")


def _plain_kind(annotation: object) -> str | None:
    """``"str"``, ``"bool"``, ``"list"`` (of str), ``"choice"`` (an Enum) or ``"number"``
    (int or float); None for others."""
    if annotation is str or annotation is bool:
        return annotation.__name__
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return "list"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is int or annotation is float:
        return "number"
    return None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):
        """A string, flag, list of strings or enum choice, converted as typer converts it."""

        kind: str = "str"

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            if self.kind == "list":
                items = list(value) if isinstance(value, (list, tuple)) else [value]
                if all(isinstance(item, str) for item in items):
                    return items
            elif self.kind in ("str", "bool"):
                if isinstance(value, str if self.kind == "str" else bool):
                    return value
            elif self.kind == "number":
                number = self._number(value)
                if number is not None:
                    return number
            elif isinstance(value, (str, Enum)):  # a choice
                try:
                    return coerce_cli_choice(
                        value,
                        choices=tuple(self.annotation),
                        case_sensitive=self.parameter_info.case_sensitive,
                        ctx=ctx,
                    )
                except ValueError as error:
                    raise BadParameter(str(error), ctx=ctx, param=param) from None
            # Bytes or anything else unusual: typer's own conversion, pydantic and all.
            typer_param = build_runtime_param(param.type_descriptor)
            return typer_param._coerce_value(value, param=param, ctx=ctx)

        def _number(self, value: Any) -> int | float | None:
            """A default, or plain digits (``4``, ``0.5``) within the option's range; None
            for anything else, which typer checks and explains."""
            info = self.parameter_info
            if type(value) is self.annotation:
                return value  # type: ignore[no-any-return]
            if not isinstance(value, str) or info.clamp:
                return None
            plain = _PLAIN_INT if self.annotation is int else _PLAIN_FLOAT
            if not plain.fullmatch(value):
                return None
            number = self.annotation(value)
            if (info.min is not None and number < info.min) or (
                info.max is not None and number > info.max
            ):
                return None
            return number  # type: ignore[no-any-return]


def plain_coercion(param: object) -> None:
    """Give ``param`` the pydantic-free conversion when its type is a plain one."""
    if RuntimeParam is None or not isinstance(param, _TyperParameter):
        return  # pragma: no cover - an older typer
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", False) is not None:
        return  # pragma: no cover - a typer that works otherwise, or already converting
    kind = _plain_kind(descriptor.annotation)
    if kind is None or descriptor.parameter_info.parser is not None or descriptor.is_file:
        return
    param._runtime_param = _PlainParam(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, kind=kind
    )

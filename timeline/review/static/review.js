// timeline review: the page's state, keys and calls to the server. Plain DOM, no build
// step; cards.js builds the cards. Every piece of article text goes in with textContent.
"use strict";

(function () {
  const token = window.location.pathname.split("/")[1];
  const list = document.getElementById("list");
  const message = document.getElementById("message");
  const preview = document.getElementById("preview");
  const attention = document.getElementById("attention");

  let state = null;
  let current = null; // id of the event the keys act on
  let mergeFrom = null; // id marked with "m", merged into the next one chosen
  let previewVersion = 0;
  let previewTimer = null;
  let followTimer = null;
  let resolveTimer = null;
  // Keys and clicks run one after another, each after the server answered the one before:
  // "a" then "d" typed fast approves one event and deletes the next, never the same one.
  let queue = Promise.resolve();
  const { articleHead, card, el, rangeText } = window.ReviewCards;

  function enqueue(task) {
    queue = queue.then(task).catch((error) => say(error.message, true));
  }

  async function call(name, body) {
    const response = await fetch("/api/" + name, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { error: "the server answered " + response.status };
    }
    if (!response.ok) {
      throw new Error(data.error || "the server answered " + response.status);
    }
    return data;
  }

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle("error", Boolean(isError));
  }

  function needsAttention(event) {
    return event.flags.length > 0 && !(event.review && event.review.status === "approved");
  }

  // Events in the order shown: by article, and within one, the ones needing a look first
  // when the filter is on.
  function ordered() {
    const groups = new Map(state.articles.map((article) => [article.id, []]));
    for (const event of state.events) {
      if (!groups.has(event.article_id)) groups.set(event.article_id, []);
      groups.get(event.article_id).push(event);
    }
    if (attention.checked) {
      for (const events of groups.values()) {
        events.sort((a, b) => Number(needsAttention(b)) - Number(needsAttention(a)));
      }
    }
    return groups;
  }

  function visibleIds() {
    return Array.from(list.querySelectorAll(".card"), (card) => card.dataset.eventId);
  }

  // What each card was built from, so a change rebuilds only the cards it touched: a
  // reviewer's key then costs one card, not the whole list.
  let builtLayout = "";
  let built = new Map(); // event id -> {signature, node}

  function signature(event) {
    const merge = mergeFrom === null ? "" : mergeFrom === event.id ? "from" : "to";
    return merge + JSON.stringify(event);
  }

  function render() {
    const groups = Array.from(ordered()).filter(([, events]) => events.length > 0);
    const layout = JSON.stringify(groups.map(([id, events]) => [id, events.map((e) => e.id)]));
    if (layout === builtLayout) {
      for (const [, events] of groups) {
        for (const event of events) {
          const old = built.get(event.id);
          const now = signature(event);
          if (old.signature === now) continue;
          const node = card(event, { current, mergeFrom });
          old.node.replaceWith(node);
          built.set(event.id, { signature: now, node: node });
        }
      }
    } else {
      rebuild(groups);
      builtLayout = layout;
    }
    const ids = visibleIds();
    if (!ids.includes(current)) current = ids.length ? ids[0] : null;
    if (mergeFrom && !ids.includes(mergeFrom)) mergeFrom = null;
    markCurrent(false);

    document.getElementById("title").textContent = state.title || "Timeline review";
    document.getElementById("file").textContent = state.file;
    document.title = (state.dirty ? "• " : "") + state.file + " · timeline review";
    const reviewed = state.events.filter((e) => e.review && e.review.status === "approved").length;
    const deleted = state.events.filter((e) => e.deleted).length;
    document.getElementById("progress").textContent =
      reviewed + " of " + state.events.length + " approved, " + deleted + " deleted" +
      (state.dirty ? " · unsaved changes" : " · saved");
    document.querySelector("[data-action=undo]").disabled = !state.can_undo;
    document.querySelector("[data-action=redo]").disabled = !state.can_redo;
  }

  function rebuild(groups) {
    const scroll = list.scrollTop;
    const articles = new Map(state.articles.map((article) => [article.id, article]));
    const sections = [];
    built = new Map();
    for (const [articleId, events] of groups) {
      const section = el("section", "article");
      section.append(articleHead(articles.get(articleId) || { title: articleId, source: "" }));
      for (const event of events) {
        const node = card(event, { current, mergeFrom });
        built.set(event.id, { signature: signature(event), node: node });
        section.append(node);
      }
      sections.push(section);
    }
    list.replaceChildren(...sections);
    list.scrollTop = scroll;
  }

  function cardOf(id) {
    return id ? list.querySelector('.card[data-event-id="' + CSS.escape(id) + '"]') : null;
  }

  function markCurrent(focus) {
    for (const node of list.querySelectorAll(".card.current")) node.classList.remove("current");
    const node = cardOf(current);
    if (!node) return;
    node.classList.add("current");
    if (focus) {
      node.focus({ preventScroll: true });
      node.scrollIntoView({ block: "nearest" });
    }
    followInPreview();
  }

  function move(step) {
    const ids = visibleIds();
    if (!ids.length) return;
    const at = ids.indexOf(current);
    current = ids[Math.min(ids.length - 1, Math.max(0, (at < 0 ? 0 : at) + step))];
    markCurrent(true);
  }

  // The preview reloads a moment after the last change, and shows the current event's
  // slide: its id is the frame's fragment, so moving only changes that (no reload).
  function previewAddress() {
    return "preview?v=" + previewVersion + "#at=" + encodeURIComponent(current || "");
  }

  function refreshPreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      previewVersion += 1;
      preview.src = previewAddress();
    }, 250);
  }

  function followInPreview() {
    clearTimeout(followTimer);
    followTimer = setTimeout(() => {
      if (previewVersion > 0) preview.src = previewAddress();
    }, 150);
  }

  function show(next, keepFocus) {
    state = next;
    render();
    refreshPreview();
    if (!keepFocus) markCurrent(true);
  }

  async function act(name, body, done) {
    try {
      const next = await call(name, body);
      show(next, false);
      if (done) say(done, false);
      return true;
    } catch (error) {
      say(error.message, true);
      return false;
    }
  }

  function edit(op, id, extra) {
    return act("edit", Object.assign({ op: op, id: id }, extra || {}));
  }

  function eventOf(id) {
    return state.events.find((event) => event.id === id);
  }

  async function onAction(action, id) {
    const event = id ? eventOf(id) : null;
    if (action === "approve" && event) {
      if (await edit("approve", id)) move(1);
    } else if (action === "delete" && event) {
      if (await edit("delete", id)) move(1);
    } else if (action === "restore" && event) {
      await edit("restore", id);
    } else if (action === "status" && event) {
      await edit("status", id, { status: event.status === "expected" ? "reported" : "expected" });
    } else if (action === "merge" && event) {
      if (!mergeFrom || mergeFrom === id) {
        mergeFrom = mergeFrom === id ? null : id;
        render();
        say(mergeFrom ? "Now choose the event to keep and press m (or Merge here) on it" : "", false);
      } else {
        const other = mergeFrom;
        mergeFrom = null;
        await edit("merge", id, { other: other });
      }
    } else if (action === "undo" || action === "redo") {
      await act(action, {});
    } else if (action === "save") {
      try {
        const next = await call("save", {});
        show(next, true);
        say("Saved " + next.written, false);
      } catch (error) {
        say(error.message, true);
      }
    } else if (action.startsWith("export-")) {
      try {
        const done = await call("export", { format: action.slice("export-".length) });
        say("Wrote " + done.written, false);
      } catch (error) {
        say(error.message, true);
      }
    }
  }

  document.addEventListener("click", (click) => {
    const control = click.target.closest("[data-action]");
    const owner = click.target.closest(".card");
    if (owner) {
      current = owner.dataset.eventId;
      markCurrent(false);
    }
    if (control && !control.disabled) {
      const action = control.dataset.action;
      const id = owner ? owner.dataset.eventId : null;
      enqueue(() => onAction(action, id));
    }
  });

  function resolvedLine(field) {
    return field.closest(".card").querySelector(".resolved");
  }

  async function previewDate(field) {
    const line = resolvedLine(field);
    const text = field.value.trim();
    if (text === "" || text === field.dataset.original) {
      line.textContent = "";
      return;
    }
    try {
      const date = await call("resolve", { id: field.closest(".card").dataset.eventId, text: text });
      line.textContent = "→ " + date.value + " · " + rangeText(date) + "  (Enter applies)";
      line.classList.remove("error");
    } catch (error) {
      line.textContent = error.message;
      line.classList.add("error");
    }
  }

  list.addEventListener("input", (input) => {
    if (input.target.name !== "date") return;
    clearTimeout(resolveTimer);
    resolveTimer = setTimeout(() => previewDate(input.target), 200);
  });

  list.addEventListener("focusin", (focus) => {
    const owner = focus.target.closest(".card");
    if (owner && owner.dataset.eventId !== current) {
      current = owner.dataset.eventId;
      markCurrent(false);
    }
  });

  // The value is taken and the focus given back to the card at once, so keys typed next are
  // commands queued after this edit, not more letters in the field.
  async function applyField(field, value) {
    const id = field.closest(".card").dataset.eventId;
    if (value === field.dataset.original) return;
    if (field.name === "date") {
      clearTimeout(resolveTimer);
      try {
        show(await call("edit", { op: "date", id: id, text: value }), false);
        say("Date set", false);
      } catch (error) {
        const line = resolvedLine(field);
        line.textContent = error.message;
        line.classList.add("error");
        say(error.message, true);
        field.focus();
      }
    } else if (field.name === "headline") {
      await edit("headline", id, { text: value });
    }
  }

  function onFieldKey(key) {
    const field = key.target;
    if (key.key === "Enter") {
      key.preventDefault();
      const value = field.value.trim();
      markCurrent(true);
      enqueue(() => applyField(field, value));
    } else if (key.key === "Escape") {
      key.preventDefault();
      field.value = field.dataset.original;
      if (field.name === "date") resolvedLine(field).textContent = "";
      markCurrent(true);
    }
  }

  function focusField(name) {
    const node = cardOf(current);
    const field = node ? node.querySelector('[name="' + name + '"]') : null;
    if (field && !field.disabled) {
      field.focus();
      field.select();
    }
  }

  const keys = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    g: () => move(-Infinity),
    G: () => move(Infinity),
    a: () => onAction("approve", current),
    d: () => onAction(eventOf(current) && eventOf(current).deleted ? "restore" : "delete", current),
    e: () => focusField("date"),
    h: () => focusField("headline"),
    x: () => onAction("status", current),
    m: () => onAction("merge", current),
    u: () => onAction("undo"),
    r: () => onAction("redo"),
    s: () => onAction("save"),
    f: () => {
      attention.checked = !attention.checked;
      render();
    },
    Escape: () => {
      mergeFrom = null;
      render();
      say("", false);
    },
  };

  document.addEventListener("keydown", (key) => {
    if (!state) return;
    const inField = key.target.matches("input[name], textarea");
    if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === "s") {
      key.preventDefault();
      if (inField) key.target.blur();
      enqueue(() => onAction("save"));
      return;
    }
    if (inField) {
      onFieldKey(key);
      return;
    }
    if (key.ctrlKey || key.metaKey || key.altKey || key.target.matches("input, select")) return;
    const handler = keys[key.key];
    if (handler) {
      key.preventDefault();
      enqueue(handler);
    }
  });

  attention.addEventListener("change", () => render());

  window.addEventListener("beforeunload", (unload) => {
    if (state && state.dirty) unload.preventDefault();
  });

  call("state")
    .then((first) => show(first, false))
    .catch((error) => say(error.message, true));
})();

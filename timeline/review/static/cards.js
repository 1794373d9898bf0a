// timeline review: one card per event and one heading per article, built with the DOM.
// No innerHTML anywhere: article text goes in with textContent (scraped text is hostile),
// and only http(s) addresses become links.
"use strict";

window.ReviewCards = (function () {
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(action, label, key) {
    const node = el("button", null, label);
    node.type = "button";
    node.dataset.action = action;
    if (key) node.title = label + " (" + key + ")";
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function sentence(text, highlight) {
    const node = el("p", "source");
    if (!highlight || highlight.end > text.length || highlight.start > highlight.end) {
      node.textContent = text;
      return node;
    }
    node.append(text.slice(0, highlight.start));
    node.append(el("mark", null, text.slice(highlight.start, highlight.end)));
    node.append(text.slice(highlight.end));
    return node;
  }

  function rangeText(date) {
    const range = date.start === date.end ? date.start : date.start + " to " + date.end;
    return date.granularity + " · " + range + (date.mod ? " · " + date.mod : "");
  }

  // `marks` says which card is current and which one is marked for a merge.
  function card(event, marks) {
    const review = event.review;
    const node = el("article", "card");
    node.dataset.eventId = event.id;
    node.tabIndex = -1;
    node.classList.toggle("flagged", event.flags.length > 0);
    node.classList.toggle("deleted", event.deleted);
    node.classList.toggle("approved", Boolean(review && review.status === "approved"));
    node.classList.toggle("edited", Boolean(review && review.status === "edited"));
    node.classList.toggle("current", event.id === marks.current);
    node.classList.toggle("merging", event.id === marks.mergeFrom);

    const row = el("div", "row");
    const date = el("input");
    date.name = "date";
    date.value = event.date.value;
    date.dataset.original = event.date.value;
    date.setAttribute("aria-label", "Date (TIMEX3, ISO or a phrase)");
    date.autocomplete = "off";
    row.append(date, el("span", "range", rangeText(event.date)));
    row.append(el("span", "badge " + event.status, event.status));
    for (const flag of event.flags) {
      if (flag !== "expected") row.append(el("span", "badge " + flag, flag.replace("-", " ")));
    }
    if (review) row.append(el("span", "badge " + review.status, review.status));
    if (event.deleted) row.append(el("span", "badge deleted", "deleted"));
    row.append(el("span", "range", "confidence " + event.confidence.toFixed(2)));
    node.append(row, el("div", "resolved"));

    const headline = el("textarea");
    headline.name = "headline";
    headline.rows = 2;
    headline.value = event.headline;
    headline.dataset.original = event.headline;
    headline.setAttribute("aria-label", "Headline");
    headline.spellcheck = true;
    node.append(headline, sentence(event.text, event.highlight));

    if (event.sources.length > 1) {
      const sources = el("ul", "sources");
      for (const source of event.sources.slice(1)) {
        const item = el("li");
        item.append(sentence(source.text, source.highlight));
        sources.append(item);
      }
      node.append(sources);
    }

    const actions = el("div", "actions");
    actions.append(button("approve", "Approve", "a"));
    actions.append(button("status", event.status === "expected" ? "Mark reported" : "Mark expected", "x"));
    actions.append(button("merge", marks.mergeFrom && marks.mergeFrom !== event.id ? "Merge here" : "Merge", "m"));
    actions.append(event.deleted ? button("restore", "Restore", "d") : button("delete", "Delete", "d"));
    for (const control of actions.querySelectorAll("button")) {
      if (event.deleted && control.dataset.action !== "restore") control.disabled = true;
    }
    if (event.deleted) {
      date.disabled = true;
      headline.disabled = true;
    }
    node.append(actions);
    return node;
  }

  function articleHead(article) {
    const head = el("div", "article-head");
    head.append(el("h2", null, article.title || article.source));
    const link = safeUrl(article.url);
    if (link) {
      const anchor = el("a", null, link);
      anchor.href = link;
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      head.append(anchor);
    }
    const published = article.published ? "published " + article.published : "no publication date";
    head.append(el("span", "meta", published));
    return head;
  }

  return { articleHead: articleHead, card: card, el: el, rangeText: rangeText };
})();

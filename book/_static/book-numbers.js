/* Numbers keep their sign on the same line: "36.5 %", "+4.2 %", "€ 1.120" never break
   between the number and "%" or "€". The text itself is left as it is (the ledger and the
   tests read it): each such pair is wrapped in a span that does not wrap (book.css). Runs
   over the article, and again over whatever is added later (rows a sortable table draws). */
(function () {
  var PAIR = /[−+-]?\d[\d.,]*\s%|[−-]?€\s\d(?:[\d.,]*\d)?/g;
  var SKIP = "script, style, svg, code, pre, textarea, .book-nowrap";

  function wrap(node) {
    var text = node.nodeValue;
    PAIR.lastIndex = 0;
    if (!PAIR.test(text)) return;
    var parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) return;
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(PAIR, function (match, offset) {
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var span = document.createElement("span");
      span.className = "book-nowrap";
      span.textContent = match;
      fragment.appendChild(span);
      last = offset + match.length;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    parent.replaceChild(fragment, node);
  }

  function walk(root) {
    if (root.nodeType === Node.TEXT_NODE) return wrap(root);
    if (root.nodeType !== Node.ELEMENT_NODE || root.closest(SKIP)) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(wrap);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector(".bd-article") || document.body;
    walk(article);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(walk);
      });
    }).observe(article, { childList: true, subtree: true });
  });
})();

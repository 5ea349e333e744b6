/* Accessibility fixes of the theme's markup, through the theme's supported route (a script
   in _static), never by editing installed packages:
   - the sidebar's expand/collapse <summary> elements hold only an icon: give each a name;
   - a table that scrolls sideways (on a phone) can be reached with the keyboard;
   - the sidebar (book title and table of contents) is a navigation landmark;
   - the bibliography is a role="list" whose entries carry the deprecated doc-biblioentry
     role: make them list items. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("summary").forEach(function (summary) {
    if (summary.textContent.trim() || summary.getAttribute("aria-label")) return;
    var item = summary.closest("li");
    var link = item && item.querySelector(":scope > a");
    var name = link ? link.textContent.trim() : "this section";
    summary.setAttribute("aria-label", "Show or hide the pages under " + name);
  });
  var sidebar = document.querySelector(".bd-sidebar-primary");
  if (sidebar && !sidebar.getAttribute("role")) {
    sidebar.setAttribute("role", "navigation");
    sidebar.setAttribute("aria-label", "Book contents");
  }
  var scrollable = function () {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
    });
  };
  scrollable();
  window.addEventListener("resize", scrollable);
  document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (entry) {
    entry.setAttribute("role", "listitem");
  });
});

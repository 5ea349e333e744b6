/* Sortable and searchable book tables, drawn with DataTables from the bundle itables ships
   (datatables.js, served by the book itself: no CDN). Tables with class "sortable" sort by a
   click on a header; tables with class "searchable" also get a search box and pages.
   Without JavaScript every table stays complete and readable. */
(function () {
  var start = function () {
    var tables = document.querySelectorAll("table.book-table.sortable, table.book-table.searchable");
    var DataTable = window.BookDataTable;
    if (!tables.length || !DataTable) { return; }
    // Numbers as the book prints them (€1,120; 36.5 %; 674,107); "not known" sorts lowest.
    DataTable.type("book-number", {
      order: {
        pre: function (text) {
          var plain = String(text).replace(/<[^>]*>/g, "").replace(/[€%,\s]/g, "");
          var number = parseFloat(plain.replace("−", "-"));
          return isNaN(number) ? -Infinity : number;
        },
      },
    });
    tables.forEach(function (table) {
      var searchable = table.classList.contains("searchable");
      new DataTable(table, {
        paging: searchable,
        searching: searchable,
        info: searchable,
        pageLength: 25,
        order: [],
        autoWidth: false,
        columnDefs: [{ targets: "gt_right", type: "book-number" }],
      });
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

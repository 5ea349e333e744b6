/* Sortable and searchable book tables, drawn with DataTables from the bundle itables ships
   (datatables.js, served by the book itself: no CDN). Tables with class "sortable" sort by a
   click on a header; tables with class "searchable" also get a search box and pages.
   Without JavaScript every table stays complete and readable. */
(function () {
  var DUTCH = {
    search: "Zoeken:",
    lengthMenu: "_MENU_ rijen per pagina",
    info: "Rij _START_ tot en met _END_ van _TOTAL_",
    infoEmpty: "Geen rijen",
    infoFiltered: "(gezocht in _MAX_ rijen)",
    zeroRecords: "Geen rijen gevonden",
    emptyTable: "Geen gegevens",
    paginate: { first: "Eerste", previous: "Vorige", next: "Volgende", last: "Laatste" },
    aria: {
      sortAscending: ": oplopend sorteren",
      sortDescending: ": aflopend sorteren",
      paginate: { first: "Eerste", previous: "Vorige", next: "Volgende", last: "Laatste" },
    },
  };
  var start = function () {
    var tables = document.querySelectorAll("table.book-table.sortable, table.book-table.searchable");
    var DataTable = window.BookDataTable;
    if (!tables.length || !DataTable) { return; }
    // A Dutch book (<html lang="nl">) writes € 1.120 and 36,5 % and speaks Dutch.
    var dutch = (document.documentElement.lang || "").slice(0, 2) === "nl";
    // Numbers as the book prints them (€1,120; 36.5 %; 674,107); "not known" sorts lowest.
    DataTable.type("book-number", {
      order: {
        pre: function (text) {
          var plain = String(text).replace(/<[^>]*>/g, "").replace(/[€%\s]/g, "");
          plain = dutch ? plain.replace(/\./g, "").replace(",", ".") : plain.replace(/,/g, "");
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
        language: dutch ? DUTCH : {},
      });
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

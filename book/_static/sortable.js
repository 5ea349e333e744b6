/* Click a column header of a table with class "sortable" to sort by it (again to reverse). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (header, column) {
      header.style.cursor = "pointer";
      header.title = "Sort by this column";
      header.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.from(body.rows);
        var ascending = header.dataset.order !== "asc";
        var key = function (row) {
          var text = row.cells[column] ? row.cells[column].textContent.trim() : "";
          var number = parseFloat(text.replace(/\s/g, "").replace(/,/g, ""));
          return isNaN(number) ? text.toLowerCase() : number;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        header.dataset.order = ascending ? "asc" : "desc";
      });
    });
  });
});

// The day's grid of services (socialservices/day.html): arrow keys move between the cells,
// Enter in the person search does not submit the grid. A file, as CSP allows no inline script.
document.addEventListener("keydown", (event) => {
  const cell = event.target;
  if (cell.id === "person-q" && event.key === "Enter") {
    event.preventDefault();
    return;
  }
  if (!cell.matches || !cell.matches("#day-table input[data-cell]")) {
    return;
  }
  const td = cell.closest("td");
  const tr = cell.closest("tr");
  const column = Array.prototype.indexOf.call(tr.children, td);
  let target = null;
  if (event.key === "ArrowDown" && tr.nextElementSibling) {
    target = tr.nextElementSibling.children[column];
  } else if (event.key === "ArrowUp" && tr.previousElementSibling) {
    target = tr.previousElementSibling.children[column];
  } else if (event.key === "ArrowRight" && cell.selectionStart === cell.value.length) {
    target = td.nextElementSibling;
  } else if (event.key === "ArrowLeft" && cell.selectionStart === 0) {
    target = td.previousElementSibling;
  }
  const input = target && target.querySelector("input[data-cell]");
  if (input) {
    event.preventDefault();
    input.focus();
    input.select();
  }
});
// The add-a-recipient form posts through htmx only.
document.addEventListener("submit", (event) => {
  if (event.target.id === "day-add") {
    event.preventDefault();
  }
});

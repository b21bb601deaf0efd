// The reader's keyboard navigation: left and right arrows follow the chapter links.
document.addEventListener("keydown", function (event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) return;
  var id = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : "";
  var link = id && document.getElementById(id);
  if (link) window.location.href = link.href;
});

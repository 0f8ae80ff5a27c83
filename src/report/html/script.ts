/**
 * The HTML report's filters (rule, severity, classification level, free text), inlined: each
 * finding carries data-rule / data-severity / data-level / data-text attributes.
 */
export const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var count = document.getElementById('shown');
  function apply() {
    var rule = form.rule.value, severity = form.severity.value, level = form.level.value;
    var text = form.q.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var ok = (!rule || item.dataset.rule === rule) && (!severity || item.dataset.severity === severity) &&
        (!level || item.dataset.level === level) && (!text || item.dataset.text.indexOf(text) >= 0);
      item.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = 'showing ' + shown + ' of ' + items.length;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  apply();
})();
`;

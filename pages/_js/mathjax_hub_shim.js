// The widget manager (@jupyter-widgets/html-manager 1.x) typesets widget labels with the
// MathJax 2 call MathJax.Hub.Queue; the book loads MathJax 3, which has no Hub. Map the old call
// onto MathJax 3's typesetPromise so widget labels render without console errors.
(function () {
  function install() {
    var mj = window.MathJax;
    if (!mj || mj.Hub) { return; }
    mj.Hub = {
      Queue: function (job) {
        var el = job && job[2];
        if (window.MathJax.typesetPromise) {
          window.MathJax.typesetPromise(el ? [el] : undefined).catch(function () {});
        }
      }
    };
  }
  install();
  document.addEventListener("DOMContentLoaded", install);
  window.addEventListener("load", install);
})();

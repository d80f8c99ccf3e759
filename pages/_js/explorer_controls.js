// Chapter 11's static explorer (nefnet.plots.panorama.explorer_figure): plotly's θ menu and φ
// slider each show one precomputed view, and choosing θ would put φ back to its default. This
// page script keeps the two independent: it remembers the φ step and, after either control
// moves, shows the view (θ, φ) with its fitted y range. The grid is described by the figure's
// layout.meta.nefnet_explorer; figures without it are left alone.
(function () {
  function hook(gd) {
    var meta = gd.layout && gd.layout.meta && gd.layout.meta.nefnet_explorer;
    if (!meta || gd._nefnetExplorer || !gd.on) { return; }
    var state = { t: gd.layout.updatemenus[0].active, p: gd.layout.sliders[0].active };
    gd._nefnetExplorer = state;
    function show() {
      var key = state.t * meta.phis.length + state.p;
      var vis = gd.data.map(function (_, i) {
        if (i < meta.fixed) { return true; }
        return Math.floor((i - meta.fixed) / meta.group) === key;
      });
      var heading = meta.title + " — virtual lead θ = " + meta.thetas[state.t] + "°, φ = " +
        meta.phis[state.p] + "°";
      Plotly.update(gd, { visible: vis },
        { "title.text": heading, "yaxis.range": meta.ranges[key], "sliders[0].active": state.p });
    }
    gd.on("plotly_buttonclicked", function (e) {
      state.t = e.active;
      setTimeout(show, 0);  // after the menu's own update, which resets φ
    });
    gd.on("plotly_sliderchange", function (e) {
      state.p = e.slider.active;
    });
  }
  function scan(tries) {
    document.querySelectorAll(".plotly-graph-div").forEach(hook);
    if (tries > 0) { setTimeout(function () { scan(tries - 1); }, 500); }
  }
  window.addEventListener("load", function () { scan(40); });
})();

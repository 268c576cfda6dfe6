"use strict";
(function () {
  var LABEL = +document.body.dataset.labelWidth || 240;
  var MIN_SPAN = 1000; // µs: the smallest range one can zoom to
  var PAD = +document.body.dataset.plotPad || 0; // px free at each end of a plot, for marks at the start and end
  var MIN_BAR = 5; // px: the narrowest bar, so that an instance that ran no time shows
  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5,
    1e6, 2e6, 5e6, 1e7, 15e6, 3e7, 6e7, 12e7, 3e8, 6e8, 9e8, 18e8, 36e8, 72e8, 108e8, 216e8,
    432e8, 864e8, 1728e8, 6048e8, 12096e8, 25920e8];

  function pad(n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; }
  // offset formats µs as the trace does: +[Nd]HH:MM:SS.mmm
  function offset(us) {
    var ms = Math.floor(us / 1000), d = Math.floor(ms / 864e5);
    ms -= d * 864e5;
    return "+" + (d > 0 ? d + "d" : "") + pad(Math.floor(ms / 36e5), 2) + ":" +
      pad(Math.floor(ms / 6e4) % 60, 2) + ":" + pad(Math.floor(ms / 1e3) % 60, 2) + "." + pad(ms % 1e3, 3);
  }
  function short(us, step) {
    var s = offset(us).slice(1);
    if (step >= 1e6) { s = s.slice(0, -4); }
    return s;
  }

  function Chart(section) {
    this.section = section;
    this.end = +section.dataset.end;
    this.svg = section.querySelector("svg.chart");
    this.plot = section.querySelector("svg.plot");
    this.axis = this.plot.querySelector(".axis");
    this.sel = this.plot.querySelector(".selection");
    this.range = section.querySelector(".range");
    this.pinned = section.querySelector(".pinned");
    this.pinnedText = this.pinned.querySelector("pre");
    this.items = Array.prototype.slice.call(this.plot.querySelectorAll("[data-t0]"));
    this.fit = +section.dataset.fit || this.end;
    this.v0 = 0;
    this.v1 = this.fit;
    var self = this;
    section.querySelector(".zoom-in").addEventListener("click", function () { self.scale(0.5); });
    section.querySelector(".zoom-out").addEventListener("click", function () { self.scale(2); });
    section.querySelector(".zoom-fit").addEventListener("click", function () { self.zoom(0, self.fit); });
    section.querySelector(".zoom-reset").addEventListener("click", function () { self.zoom(0, self.end); });
    Array.prototype.forEach.call(section.querySelectorAll(".goto"), function (b) {
      b.addEventListener("click", function () {
        // an eighth of the first view, whatever the view now, so that a second click shows the same
        var t = +b.dataset.t, span = Math.max(MIN_SPAN * 60, self.fit / 8);
        self.zoom(t - span / 2, t + span / 2);
      });
    });
    this.dragFrom = null;
    this.plot.addEventListener("mousedown", function (e) {
      if (e.button !== 0) { return; }
      self.dragFrom = self.localX(e);
      e.preventDefault();
    });
    window.addEventListener("mousemove", function (e) {
      if (self.dragFrom === null) { return; }
      var x = self.localX(e), a = Math.min(x, self.dragFrom), b = Math.max(x, self.dragFrom);
      self.sel.setAttribute("x", a);
      self.sel.setAttribute("width", b - a);
    });
    window.addEventListener("mouseup", function (e) {
      if (self.dragFrom === null) { return; }
      var x = self.localX(e), a = Math.min(x, self.dragFrom), b = Math.max(x, self.dragFrom);
      self.dragFrom = null;
      self.sel.setAttribute("width", 0);
      if (b - a > 4) { self.zoom(self.time(a), self.time(b)); }
    });
    this.plot.addEventListener("click", function (e) {
      var t = e.target;
      if (!t.dataset || t.dataset.lines === undefined) { return; }
      var old = self.plot.querySelector(".hl");
      if (old) { old.classList.remove("hl"); }
      t.classList.add("hl");
      self.pinnedText.textContent = t.dataset.lines;
      self.pinned.hidden = false;
    });
    this.pinned.querySelector(".unpin").addEventListener("click", function () {
      var old = self.plot.querySelector(".hl");
      if (old) { old.classList.remove("hl"); }
      self.pinned.hidden = true;
    });
  }
  Chart.prototype.localX = function (e) {
    var r = this.plot.getBoundingClientRect();
    return Math.max(0, Math.min(this.width, e.clientX - r.left));
  };
  Chart.prototype.time = function (x) { return this.v0 + (x - PAD) / (this.width - 2 * PAD) * (this.v1 - this.v0); };
  Chart.prototype.x = function (t) { return PAD + (t - this.v0) / (this.v1 - this.v0) * (this.width - 2 * PAD); };
  Chart.prototype.scale = function (f) {
    var mid = (this.v0 + this.v1) / 2, half = (this.v1 - this.v0) * f / 2;
    this.zoom(mid - half, mid + half);
  };
  Chart.prototype.zoom = function (a, b) {
    var span = Math.min(this.end, Math.max(MIN_SPAN, b - a));
    a = Math.max(0, Math.min(a, this.end - span));
    this.v0 = a;
    this.v1 = a + span;
    this.draw();
  };
  Chart.prototype.draw = function () {
    var total = this.section.querySelector(".timeline").clientWidth;
    this.width = Math.max(200, total - LABEL);
    this.svg.setAttribute("width", total);
    this.plot.setAttribute("width", this.width);
    var self = this, W = this.width;
    this.items.forEach(function (el) {
      var t0 = +el.dataset.t0, x0 = self.x(t0);
      if (el.tagName === "path") {
        el.setAttribute("transform", "translate(" + (x0 + (+el.dataset.dx || 0)).toFixed(1) + " " + el.dataset.y + ")");
        return;
      }
      var x1 = self.x(+el.dataset.t1), a = Math.max(-10, x0), b = Math.min(W + 10, x1);
      if (el.tagName === "text") {
        el.setAttribute("x", Math.max(0, x0).toFixed(1));
        el.style.display = (Math.min(W, x1) - Math.max(0, x0) > 7 * el.textContent.length + 8) ? "" : "none";
        return;
      }
      el.setAttribute("x", a.toFixed(1));
      el.setAttribute("width", Math.max(el.classList.contains("bar") ? MIN_BAR : 2, b - a).toFixed(1));
    });
    this.drawAxis();
    this.range.textContent = offset(this.v0) + " – " + offset(this.v1);
  };
  Chart.prototype.drawAxis = function () {
    var span = this.v1 - this.v0, step = STEPS[STEPS.length - 1], i;
    for (i = 0; i < STEPS.length; i++) {
      if (span / STEPS[i] <= this.width / 110) { step = STEPS[i]; break; }
    }
    while (this.axis.firstChild) { this.axis.removeChild(this.axis.firstChild); }
    var h = +this.plot.getAttribute("height");
    for (var t = Math.ceil(this.v0 / step) * step; t <= this.v1; t += step) {
      var x = this.x(t).toFixed(1), line = document.createElementNS(this.plot.namespaceURI, "line"),
        text = document.createElementNS(this.plot.namespaceURI, "text");
      line.setAttribute("x1", x); line.setAttribute("x2", x);
      line.setAttribute("y1", 16); line.setAttribute("y2", h);
      text.setAttribute("x", x); text.setAttribute("y", 12); text.setAttribute("dx", 3);
      text.textContent = short(t, step);
      this.axis.appendChild(line);
      this.axis.appendChild(text);
      if (+x + 3 + text.getComputedTextLength() > this.width) { this.axis.removeChild(text); } // it would be cut
    }
  };

  var charts = Array.prototype.map.call(document.querySelectorAll("section.scenario[data-end]"), function (s) {
    return s.dataset.end ? new Chart(s) : null;
  }).filter(Boolean);
  charts.forEach(function (c) { c.zoom(0, c.fit); });
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; charts.forEach(function (c) { c.draw(); }); });
  });

  var tip = document.getElementById("tip");
  document.addEventListener("mouseover", function (e) {
    var t = e.target;
    if (!t.dataset || t.dataset.lines === undefined) { return; }
    tip.textContent = t.dataset.lines;
    tip.hidden = false;
    place(e);
  });
  document.addEventListener("mousemove", function (e) { if (!tip.hidden) { place(e); } });
  document.addEventListener("mouseout", function (e) {
    if (e.target.dataset && e.target.dataset.lines !== undefined) { tip.hidden = true; }
  });
  function place(e) {
    var x = e.clientX + 14, y = e.clientY + 14, r = tip.getBoundingClientRect();
    if (x + r.width > window.innerWidth - 8) { x = Math.max(8, e.clientX - r.width - 14); }
    if (y + r.height > window.innerHeight - 8) { y = Math.max(8, e.clientY - r.height - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
}());

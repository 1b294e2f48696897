/* danvan map page: builds the vis-network from the embedded JSON; search, filters, ready flag. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("danvan-data").textContent);

  // Tooltips arrive as markup whose every text piece was escaped by the generator; vis shows a
  // string title as plain text, so hand it a DOM element instead.
  function tip(html) {
    var div = document.createElement("div");
    div.innerHTML = html;
    return div;
  }
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = Object.assign({}, n);
    item.title = tip(n.title);
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = Object.assign({}, e);
    item.title = tip(e.title);
    return item;
  }));
  var big = !data.physics;
  var options = {
    nodes: { font: { size: 14, face: "system-ui, DejaVu Sans, Arial, sans-serif" }, borderWidth: 1 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { size: 10, align: "middle", color: "#555", strokeWidth: 2 },
      color: { color: "#a0a0a0", highlight: "#333333", hover: "#555555" },
      smooth: big ? false : { type: "continuous" }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    layout: { improvedLayout: data.nodes.length <= 150, randomSeed: 7 },
    physics: data.physics ? {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 },
      stabilization: { iterations: 300, updateInterval: 50 }
    } : false
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  function markReady() {
    if (window.danvan.ready) return;
    window.danvan.ready = true;
    document.documentElement.setAttribute("data-ready", "1");
  }
  window.danvan = { network: network, nodes: nodes, edges: edges, ready: false, search: search };
  if (!data.nodes.length) {
    markReady();  // nothing to lay out: vis fires no stabilisation event
  } else if (data.physics) {
    // Settle once, then stop: a map that keeps moving is hard to read.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // --- search -----------------------------------------------------------------------------
  var byName = data.nodes.map(function (n) { return [fold(n.name), n.id]; });
  var list = document.getElementById("names");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (seen[n.name]) return;
    seen[n.name] = true;
    var opt = document.createElement("option");
    opt.value = n.name;
    list.appendChild(opt);
  });
  var status = document.getElementById("search-status");
  function search(text) {
    var q = fold(text);
    if (!q) return null;
    var hit = null, i;
    for (i = 0; i < byName.length && !hit; i++) if (byName[i][0] === q) hit = byName[i][1];
    for (i = 0; i < byName.length && !hit; i++) if (byName[i][0].indexOf(q) === 0) hit = byName[i][1];
    for (i = 0; i < byName.length && !hit; i++) if (byName[i][0].indexOf(q) >= 0) hit = byName[i][1];
    if (!hit) {
      status.textContent = "no node matches";
      return null;
    }
    if (nodes.get(hit).hidden) nodes.update({ id: hit, hidden: false });
    network.selectNodes([hit]);
    network.focus(hit, { scale: 1.4, animation: { duration: 250, easingFunction: "easeInOutQuad" } });
    status.textContent = "focused: " + nodes.get(hit).name;
    return hit;
  }
  var input = document.getElementById("search");
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(input.value); });
  input.addEventListener("change", function () { search(input.value); });

  // --- filters ----------------------------------------------------------------------------
  var boxes = document.querySelectorAll("#legend input[type=checkbox]");
  function applyFilters() {
    var labelOn = {}, typeOn = {};
    boxes.forEach(function (b) {
      if (b.dataset.label) labelOn[b.dataset.label] = b.checked;
      if (b.dataset.type) typeOn[b.dataset.type] = b.checked;
    });
    var hiddenNode = {};
    nodes.update(data.nodes.map(function (n) {
      var hidden = labelOn[n.group] === false;
      hiddenNode[n.id] = hidden;
      return { id: n.id, hidden: hidden };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: typeOn[e.type] === false || hiddenNode[e.from] || hiddenNode[e.to] };
    }));
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
})();

/* danvan map page: draws the embedded graph with vis-network (positions come laid out), labels it
   without overlaps, and lets the reader search, filter, focus, read the evidence and share the view. */
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("danvan-data").textContent);
  timing.parsed = performance.now();
  var byId = {}, edgeById = {}, incident = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; incident[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    incident[e.from].push(e);
    if (e.to !== e.from) incident[e.to].push(e);
  });
  // How a holding is drawn by its status: from viz/style.py, like the legend.
  var STATUS = {};
  Object.keys(data.statuses).forEach(function (k) {
    var st = data.statuses[k];
    STATUS[k] = { color: st.color, width: st.width, dashes: st.dashes ? [6, 5] : false, opacity: st.opacity };
  });
  var big = data.nodes.length > 3000;

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Only what differs from the defaults goes into each item: vis merges every item's options one by
  // one, and on a 20,000-node map that took seconds. Colour and shape come with the node's group.
  function edgeItem(e) {
    var item = { id: e.id, from: e.from, to: e.to };
    var s = e.type === "HOLDS" && STATUS[e.status];
    if (s) {
      item.width = s.width;
      item.dashes = s.dashes;
      item.color = { color: s.color, opacity: s.opacity, highlight: "#222222", hover: "#444444" };
    }
    return item;
  }
  var groups = {};
  data.nodes.forEach(function (n) {
    if (!groups[n.group]) groups[n.group] = { shape: n.shape, color: n.color };
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, x: n.x, y: n.y, size: n.size, group: n.group };
    if (n.focus) item.borderWidth = 4;
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var options = {
    groups: groups,
    nodes: { borderWidth: 1, borderWidthSelected: 4, font: { size: 0 } },
    edges: {
      arrows: { to: { enabled: !big, scaleFactor: 0.4 } }, smooth: false, selectionWidth: 1.5,
      color: { color: "#a0a0a0", highlight: "#222222", hover: "#444444" }
    },
    interaction: {
      hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, zoomSpeed: 0.6
    },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: false
  };
  timing.datasets = performance.now();
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timing.network = performance.now();

  // --- big maps: batched drawing when zoomed out -------------------------------------------
  // vis draws each node and edge on its own (styles resolved, state saved and restored): 20,000
  // nodes took most of a second per frame. Zoomed out, where a node is a few pixels wide, the nodes
  // of one colour are filled as one path and the edges of one style stroked as one; selected and
  // hovered ones are still drawn by vis. Zoomed in, vis draws everything as usual.
  var BATCH_BELOW = 0.45;
  if (data.nodes.length > 1500) {
    var renderer = network.renderer;
    var drawNodes = renderer._drawNodes, drawEdges = renderer._drawEdges, drawArrows = renderer._drawArrows;
    var boxed = false;
    var batched = function () { return network.getScale() < BATCH_BELOW; };
    var viewport = function () {
      var canvas = network.canvas.frame.canvas;
      var a = network.canvas.DOMtoCanvas({ x: -20, y: -20 });
      var b = network.canvas.DOMtoCanvas({ x: canvas.clientWidth + 20, y: canvas.clientHeight + 20 });
      return [a.x, a.y, b.x, b.y];
    };
    renderer._drawNodes = function (ctx, alwaysShow) {
      if (!batched()) return drawNodes.call(renderer, ctx, alwaysShow);
      var body = network.body, ids = body.nodeIndices, v = viewport(), paths = {}, special = [];
      if (!boxed) {
        // Clicks and hovers find nodes by their boxes, which vis sets when it draws a node.
        ids.forEach(function (id) { body.nodes[id].updateBoundingBox(ctx, false); });
        boxed = true;
      }
      for (var i = 0; i < ids.length; i++) {
        var node = body.nodes[ids[i]];
        if (node.hover || node.selected) { special.push(node); continue; }
        if (node.x < v[0] || node.x > v[2] || node.y < v[1] || node.y > v[3]) continue;
        var colour = byId[ids[i]].color;
        (paths[colour] = paths[colour] || []).push(node);
      }
      var least = 1.2 / network.getScale();  // at least a dot of a pixel or two on screen
      Object.keys(paths).forEach(function (colour) {
        ctx.beginPath();
        paths[colour].forEach(function (node) {
          var r = Math.max(node.options.size, least);
          ctx.moveTo(node.x + r, node.y);
          ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
        });
        ctx.fillStyle = colour;
        ctx.fill();
      });
      special.forEach(function (node) { node.draw(ctx); });
      return { drawExternalLabels: function () {} };
    };
    renderer._drawEdges = function (ctx) {
      if (!batched()) return drawEdges.call(renderer, ctx);
      var body = network.body, ids = body.edgeIndices, paths = {}, special = [];
      for (var i = 0; i < ids.length; i++) {
        var edge = body.edges[ids[i]];
        if (!edge.connected) continue;
        if (edge.selected || edge.hover) { special.push(edge); continue; }
        var e = edgeById[ids[i]];
        var key = e.type === "HOLDS" && STATUS[e.status] ? e.status : "";
        (paths[key] = paths[key] || []).push(edge);
      }
      Object.keys(paths).forEach(function (key) {
        var s = STATUS[key] || { color: "#a0a0a0", width: 1, dashes: false, opacity: 1 };
        ctx.beginPath();
        paths[key].forEach(function (edge) {
          ctx.moveTo(edge.from.x, edge.from.y);
          ctx.lineTo(edge.to.x, edge.to.y);
        });
        ctx.save();
        ctx.globalAlpha = s.opacity;
        ctx.strokeStyle = s.color;
        ctx.lineWidth = s.width / network.getScale() * 0.6;
        if (s.dashes) ctx.setLineDash([6 / network.getScale(), 5 / network.getScale()]);
        ctx.stroke();
        ctx.restore();
      });
      special.forEach(function (edge) { edge.draw(ctx); });
    };
    renderer._drawArrows = function (ctx) {
      if (!batched()) drawArrows.call(renderer, ctx);
    };
  }

  // --- labels -------------------------------------------------------------------------------
  // Drawn here rather than by vis: short labels at the default zoom, full ones when zoomed in,
  // best-connected first, and a label is left out where it would overlap one already drawn.
  var FONT = '12px system-ui, "DejaVu Sans", Arial, sans-serif';
  var BOLD = 'bold 12px system-ui, "DejaVu Sans", Arial, sans-serif';
  var EDGE_FONT = 'italic 10px system-ui, "DejaVu Sans", Arial, sans-serif';
  var FULL_AT = 1.25, MAX_LABELS = 400, MAX_TRIED = 6000, CELL = 64;
  var order = data.nodes.slice().sort(function (a, b) {
    return (b.focus ? 1 : 0) - (a.focus ? 1 : 0) || b.deg - a.deg || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }).map(function (n) { return n.id; });
  var widths = {};
  var lastLabels = [];
  var state = {
    labelsOff: {}, typesOff: {}, statusOff: {}, from: "", to: "", prov: "",
    focus: null, expanded: [], selected: null, edge: null, forced: null
  };

  function textWidth(ctx, font, text) {
    var key = font.charAt(0) + text;
    if (widths[key] === undefined) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }
  function drawLabels(ctx) {
    // While a big map is dragged or zoomed, labels wait for it to stop: placing them is the
    // costliest part of a frame there.
    if (data.nodes.length > 1500 && (network.renderer.dragging || network.renderer.zooming)) {
      lastLabels = [];
      return;
    }
    var scale = network.getScale();
    var t = network.body.view.translation;
    var canvas = network.canvas.frame.canvas;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    var grid = {}, placed = [], tried = 0;
    function free(box, self) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          var cell = grid[gx + "," + gy];
          if (!cell) continue;
          for (var i = 0; i < cell.length; i++) {
            var o = cell[i];
            if (o[4] !== undefined && o[4] === self) continue;  // its own node
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return false;
          }
        }
      }
      return true;
    }
    function take(box) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
        }
      }
    }
    var first = [];
    if (state.selected && byId[state.selected]) {
      first.push(state.selected);
      incident[state.selected].forEach(function (e) { first.push(e.from === state.selected ? e.to : e.from); });
    }
    // Nodes are obstacles too: a label drawn over another node hides it.
    var onScreen = [];
    for (var o = 0; o < order.length; o++) {
      var ob = network.body.nodes[order[o]];
      if (!ob || ob.options.hidden) continue;
      var ox = ob.x * scale + t.x, oy = ob.y * scale + t.y, or = byId[order[o]].size * scale;
      if (ox < -200 || oy < -40 || ox > w + 200 || oy > h + 40) continue;
      onScreen.push(order[o]);
      if (or >= 2.5) take([ox - or, oy - or, ox + or, oy + or, order[o]]);
    }
    var seen = {};
    var queue = first.concat(onScreen);
    var topN = Math.max(25, Math.round(w * h / 9000));
    for (var q = 0; q < queue.length && placed.length < MAX_LABELS && tried < MAX_TRIED; q++) {
      var id = queue[q];
      if (seen[id]) continue;
      seen[id] = true;
      var body = network.body.nodes[id];
      if (!body || body.options.hidden) continue;
      var sx = body.x * scale + t.x, sy = body.y * scale + t.y;
      if (sx < -200 || sy < -40 || sx > w + 200 || sy > h + 40) continue;
      tried++;
      var n = byId[id], r = n.size * scale;
      var important = q < first.length || n.focus;
      // Level of detail: zoomed out, only the best-connected nodes on screen may get a label (about
      // one per 9,000 square pixels), and every node drawn big enough to see once zoomed in.
      if (r < 2.5 && !important && q - first.length >= topN) continue;
      var text = scale >= FULL_AT ? n.name : n.short;
      var font = important ? BOLD : FONT;
      var tw = textWidth(ctx, font, text);
      // Below the node, else above, right or left of it.
      var spots = [
        [sx - tw / 2 - 2, sy + r + 2, sx + tw / 2 + 2, sy + r + 17],
        [sx - tw / 2 - 2, sy - r - 17, sx + tw / 2 + 2, sy - r - 2],
        [sx + r + 3, sy - 8, sx + r + tw + 7, sy + 7],
        [sx - r - tw - 7, sy - 8, sx - r - 3, sy + 7]
      ];
      for (var c = 0; c < spots.length; c++) {
        var box = spots[c];
        if (box[0] < 0 || box[2] > w || box[1] < 0 || box[3] > h) continue;  // a cut label is no label
        if (!free(box, id)) continue;
        take(box);
        placed.push({ id: id, text: text, font: font, x: (box[0] + box[2]) / 2, y: box[1] + 1, box: box });
        break;
      }
    }
    var edgeTags = [];
    if (scale >= 0.35) {
      var wantAll = scale >= 0.9;
      for (var k = 0; k < data.edges.length && edgeTags.length < 200; k++) {
        var e = data.edges[k];
        if (!wantAll && e.status !== "new") continue;
        var eb = network.body.edges[e.id];
        if (!eb || eb.options.hidden || !eb.from || !eb.to) continue;
        var mx = (eb.from.x + eb.to.x) / 2 * scale + t.x, my = (eb.from.y + eb.to.y) / 2 * scale + t.y;
        if (mx < 0 || my < 0 || mx > w || my > h) continue;
        var label = e.status && e.status !== "current" ? e.label + " · " + e.status : e.label;
        var ew = textWidth(ctx, EDGE_FONT, label);
        var ebox = [mx - ew / 2 - 2, my - 7, mx + ew / 2 + 2, my + 6];
        if (!free(ebox)) continue;
        take(ebox);
        edgeTags.push({ text: label, x: mx, y: my, isNew: e.status === "new" });
      }
    }
    ctx.save();
    var ratio = network.canvas.pixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    ctx.textBaseline = "middle";
    ctx.font = EDGE_FONT;
    edgeTags.forEach(function (g) {
      ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(g.text, g.x, g.y);
      ctx.fillStyle = g.isNew ? "#1b5e20" : "#666666"; ctx.fillText(g.text, g.x, g.y);
    });
    ctx.textBaseline = "top";
    placed.forEach(function (p) {
      ctx.font = p.font;
      ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(p.text, p.x, p.y);
      ctx.fillStyle = "#1d1d1d"; ctx.fillText(p.text, p.x, p.y);
    });
    ctx.restore();
    lastLabels = placed.map(function (p) {
      return { id: p.id, text: p.text, x0: p.box[0], y0: p.box[1], x1: p.box[2], y1: p.box[3] };
    });
  }
  network.on("afterDrawing", drawLabels);

  // --- filters and focus --------------------------------------------------------------------
  function datePasses(e) {
    if (!state.from && !state.to) return true;
    if (!e.lo && !e.hi) return true;  // undated facts (gazetteer mergers) are timeless
    var lo = e.lo || e.hi, hi = e.hi || e.lo;
    return !(state.to && lo > state.to) && !(state.from && hi < state.from);
  }
  function timePasses(e) {
    return datePasses(e) && !(e.type === "HOLDS" && e.status && state.statusOff[e.status]);
  }
  function edgePasses(e) { return !state.typesOff[e.type] && timePasses(e); }
  function neighbours(id) {
    var out = [];
    incident[id].forEach(function (e) { if (edgePasses(e)) out.push(e.from === id ? e.to : e.from); });
    return out;
  }
  function focusSet() {
    if (!state.focus) return null;
    var set = {};
    state.focus.forEach(function (id) {
      if (!byId[id]) return;
      set[id] = true;
      neighbours(id).forEach(function (m) { set[m] = true; });
    });
    state.expanded.forEach(function (id) {
      if (!byId[id]) return;
      set[id] = true;
      neighbours(id).forEach(function (m) { set[m] = true; });
    });
    return set;
  }
  var hiddenNode = {}, hiddenEdge = {};
  function applyFilters() {
    var timed = !!(state.from || state.to || Object.keys(state.statusOff).some(function (k) { return state.statusOff[k]; }));
    var inFocus = focusSet();
    var inProv = null;
    if (state.prov) {
      inProv = {};
      data.nodes.forEach(function (n) { if (n.prov === state.prov) inProv[n.id] = true; });
      data.nodes.forEach(function (n) {
        // Nodes the graph gives no province (a person named without one) stay beside the
        // province's nodes they are linked to.
        if (!n.prov && incident[n.id].some(function (e) { return inProv[e.from === n.id ? e.to : e.from] === true; })) {
          inProv[n.id] = "near";
        }
      });
    }
    var nodeUpdates = [], edgeUpdates = [], show = {};
    data.nodes.forEach(function (n) {
      var visible = !state.labelsOff[n.group] &&
        (!inProv || !!inProv[n.id]) &&
        (!inFocus || !!inFocus[n.id]) &&
        (!timed || !incident[n.id].length || incident[n.id].some(timePasses));
      if (n.id === state.forced) visible = true;
      show[n.id] = visible;
      if (!!hiddenNode[n.id] === visible) {
        hiddenNode[n.id] = !visible;
        nodeUpdates.push({ id: n.id, hidden: !visible });
      }
    });
    data.edges.forEach(function (e) {
      var visible = edgePasses(e) && show[e.from] && show[e.to];
      if (!!hiddenEdge[e.id] === visible) {
        hiddenEdge[e.id] = !visible;
        edgeUpdates.push({ id: e.id, hidden: !visible });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    document.getElementById("show-all").disabled = !state.focus;
    var shown = data.nodes.length - Object.keys(hiddenNode).filter(function (k) { return hiddenNode[k]; }).length;
    if (nodeUpdates.length || edgeUpdates.length) setStatus(shown + " of " + data.nodes.length + " nodes shown");
    if (state.selected && !panel.hidden) renderPanel();
    saveHash();
  }

  var status = document.getElementById("search-status");
  function setStatus(text) { status.textContent = text; }

  // --- detail panel -------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  var relOrder = Object.keys(data.relations);
  function kindName(label) { var k = data.kinds[label]; return k ? k[0] + " · " + k[1] : label; }
  function articleLine(id, more) {
    var a = data.articles[id];
    var div = el("div", "src");
    if (!a) { div.textContent = "article " + id; return div; }
    div.appendChild(document.createTextNode("Source: "));
    if (a.u) {
      var link = el("a", null, a.t || a.u);
      link.href = a.u;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      div.appendChild(link);
    } else {
      div.appendChild(el("span", null, a.t || id));
    }
    var about = [a.d, a.s].filter(Boolean).join(" · ");
    if (about) div.appendChild(document.createTextNode(" (" + about + ")"));
    if (a.u) div.appendChild(el("div", "url", a.u));
    else if (a.p) div.appendChild(el("div", "path", "file: " + a.p));
    if (more) div.appendChild(el("div", null, "and " + more + " more article" + (more === 1 ? "" : "s")));
    return div;
  }
  function relName(type) { var r = data.relations[type]; return r ? r[0] + " (" + r[1] + ")" : type; }
  // The evidence sentence with the fact's words marked; ``limit`` shortens it for a tooltip.
  function evidence(e, limit) {
    var quote = el("blockquote");
    var text = e.ev, at = 0, end = limit && text.length > limit ? limit : text.length;
    (e.hl || []).forEach(function (span) {
      if (span[0] >= end) return;
      if (span[0] > at) quote.appendChild(document.createTextNode(text.slice(at, span[0])));
      quote.appendChild(el("mark", null, text.slice(span[0], Math.min(span[1], end))));
      at = Math.min(span[1], end);
    });
    if (at < end) quote.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) quote.appendChild(document.createTextNode("…"));
    return quote;
  }
  function when(e) {
    var parts = [];
    if (e.start || e.end) parts.push((e.start || "…") + " – " + (e.end || "…"));
    if (e.term) parts.push("term " + e.term);
    if (e.first) parts.push("seen " + (e.first === e.last || !e.last ? e.first : e.first + " – " + e.last));
    return parts.join(" · ");
  }
  function otherButton(id) {
    var b = el("button", "other", byId[id] ? byId[id].name : id);
    b.type = "button";
    b.dataset.node = id;
    b.title = byId[id] ? kindName(byId[id].group) : "";
    return b;
  }
  function factBlock(e, from) {
    var div = el("div", "fact" + (e.status ? " " + e.status : ""));
    var head = el("div");
    if (from === null) {
      head.appendChild(otherButton(e.from));
      head.appendChild(document.createTextNode(" " + e.label + " "));
      head.appendChild(otherButton(e.to));
    } else {
      head.appendChild(otherButton(e.from === from ? e.to : e.from));
    }
    if (e.status) head.appendChild(el("span", "badge " + e.status, e.status));
    if (e.value !== undefined) head.appendChild(el("span", "badge", e.value.toLocaleString("en") + (e.unit ? " " + e.unit : "")));
    if (hiddenEdge[e.id]) head.appendChild(el("span", "filtered", " (hidden by the filters)"));
    div.appendChild(head);
    var dates = when(e);
    if (dates) div.appendChild(el("div", "when", dates));
    if (e.ev) div.appendChild(evidence(e));
    if (e.art) div.appendChild(articleLine(e.art, e.n ? e.n - 1 : 0));
    return div;
  }
  function actions(id) {
    var row = el("div", "actions");
    var buttons = id ? [["focus", "Focus on neighbours"], ["expand", "Expand +1 hop"], ["close", "Close"]] : [["close", "Close"]];
    buttons.forEach(function (a) {
      var b = el("button", null, a[1]);
      b.type = "button";
      b.dataset.action = a[0];
      if (id) b.dataset.node = id;
      row.appendChild(b);
    });
    return row;
  }
  function renderPanel() {
    panel.textContent = "";
    if (state.edge && edgeById[state.edge]) {
      var e = edgeById[state.edge];
      var rel = data.relations[e.type] || [e.type, ""];
      panel.appendChild(el("h2", null, rel[0] + " · " + rel[1]));
      panel.appendChild(actions(null));
      panel.appendChild(factBlock(e, null));
      return;
    }
    var n = byId[state.selected];
    if (!n) { panel.hidden = true; return; }
    panel.appendChild(el("h2", null, n.name));
    panel.appendChild(el("div", "kind", kindName(n.group) + (n.prov ? " · " + n.prov : "")));
    panel.appendChild(actions(n.id));
    var dl = el("dl");
    (n.props || []).forEach(function (p) { dl.appendChild(el("dt", null, p[0])); dl.appendChild(el("dd", null, p[1])); });
    dl.appendChild(el("dt", null, "id"));
    dl.appendChild(el("dd", null, n.id));
    panel.appendChild(dl);
    var groups = {}, keys = [];
    incident[n.id].forEach(function (e) {
      var rel = data.relations[e.type] || [e.type, ""];
      var key = e.from === n.id ? rel[0] + " · " + rel[1] : rel[0] + " (by) · " + rel[1];
      if (!groups[key]) { groups[key] = []; keys.push([relOrder.indexOf(e.type), e.from === n.id ? 0 : 1, key]); }
      groups[key].push(e);
    });
    // In the schema's order of relations (holdings first), what the node does before what is done to it.
    keys = keys.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (k) { return k[2]; });
    keys.forEach(function (key) {
      var section = el("section", "facts");
      section.appendChild(el("h3", null, key + " (" + groups[key].length + ")"));
      groups[key].sort(function (a, b) {
        return (a.status === "former") - (b.status === "former") || String(b.hi || "").localeCompare(String(a.hi || ""));
      }).forEach(function (e) { section.appendChild(factBlock(e, n.id)); });
      panel.appendChild(section);
    });
    if (n.arts && n.arts.length) {
      var named = el("section", "mentions");
      named.appendChild(el("h3", null, "Named in (" + n.narts + " article" + (n.narts === 1 ? "" : "s") + ")"));
      n.arts.forEach(function (a) { named.appendChild(articleLine(a, 0)); });
      panel.appendChild(named);
    }
  }
  function openNode(id) {
    state.selected = id;
    state.edge = null;
    panel.hidden = false;
    renderPanel();
    saveHash();
  }
  function openEdge(id) {
    state.edge = id;
    state.selected = null;
    panel.hidden = false;
    renderPanel();
    saveHash();
  }
  function closePanel() {
    panel.hidden = true;
    state.selected = null;
    state.edge = null;
    network.unselectAll();
    saveHash();
  }
  function focusOn(id) {
    state.focus = [id];
    state.expanded = [];
    applyFilters();
    fitVisible();
  }
  function expand(id) {
    if (!state.focus) state.focus = [id];
    else if (state.expanded.indexOf(id) < 0 && state.focus.indexOf(id) < 0) state.expanded.push(id);
    else {
      // Already expanded: one more hop from everything shown.
      var set = focusSet();
      Object.keys(set).forEach(function (m) { if (state.expanded.indexOf(m) < 0) state.expanded.push(m); });
    }
    applyFilters();
    fitVisible();
  }
  // Fit, then step back a little: labels hang below and beside the outermost nodes.
  function fitAll(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    network.moveTo({ scale: network.getScale() * 0.9 });
  }
  function fitVisible() {
    fitAll(data.nodes.filter(function (n) { return !hiddenNode[n.id]; }).map(function (n) { return n.id; }));
    saveHash();
  }
  panel.addEventListener("click", function (ev) {
    var target = ev.target.closest("button");
    if (!target) return;
    var id = target.dataset.node;
    var act = target.dataset.action;
    if (act === "close") closePanel();
    else if (act === "focus" && id) focusOn(id);
    else if (act === "expand" && id) expand(id);
    else if (id && byId[id]) select(id, false);
  });

  network.on("click", function (params) {
    if (params.nodes.length) openNode(params.nodes[0]);
    else if (params.edges.length) openEdge(params.edges[0]);
  });
  network.on("doubleClick", function (params) { if (params.nodes.length) expand(params.nodes[0]); });
  // Tooltips: made from the data with text nodes only, and only when first hovered (thousands of
  // DOM elements made up front cost seconds on big maps).
  function nodeTip(n) {
    var div = el("div", "tt");
    div.appendChild(el("b", null, n.name));
    div.appendChild(el("div", "lbl", kindName(n.group) + (n.prov ? " · " + n.prov : "")));
    var facts = incident[n.id].length;
    var about = facts + " fact" + (facts === 1 ? "" : "s") + " on this map";
    if (n.narts) about += " · named in " + n.narts + " article" + (n.narts === 1 ? "" : "s");
    div.appendChild(el("div", "d", about));
    div.appendChild(el("div", "k", "click for the facts, evidence and sources"));
    return div;
  }
  function edgeTip(e) {
    var div = el("div", "tt");
    var head = el("div");
    head.appendChild(el("b", null, byId[e.from].name));
    head.appendChild(document.createTextNode(" — " + relName(e.type) + " → "));
    head.appendChild(el("b", null, byId[e.to].name));
    div.appendChild(head);
    var about = [e.status, when(e)].filter(Boolean).join(" · ");
    if (about) div.appendChild(el("div", "d", about));
    if (e.ev) div.appendChild(evidence(e, 240));
    if (e.art && data.articles[e.art]) {
      var a = data.articles[e.art];
      div.appendChild(el("div", "art", [a.t, a.d, a.s].filter(Boolean).join(" · ")));
    }
    return div;
  }
  var titled = {};
  network.on("hoverNode", function (params) {
    if (titled[params.node]) return;
    titled[params.node] = true;
    nodes.update({ id: params.node, title: nodeTip(byId[params.node]) });
  });
  network.on("hoverEdge", function (params) {
    if (titled[params.edge]) return;
    titled[params.edge] = true;
    edges.update({ id: params.edge, title: edgeTip(edgeById[params.edge]) });
  });

  // --- search -------------------------------------------------------------------------------
  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  var folded = data.nodes.map(function (n) { return [fold(n.name), n]; });
  var hits = [], active = 0;
  function postsOf(id) {
    return incident[id].filter(function (e) { return e.type === "HOLDS" && e.from === id; })
      .map(function (e) { return byId[e.to].short + (e.status === "former" ? " (former)" : ""); });
  }
  function findAll(text) {
    var q = fold(text);
    if (!q) return [];
    var words = q.split(" ");
    var found = folded.filter(function (f) {
      return words.every(function (w) { return f[0].indexOf(w) >= 0; });
    }).map(function (f) {
      var rank = f[0] === q ? 0 : f[0].indexOf(q) === 0 ? 1 : f[0].indexOf(q) >= 0 ? 2 : 3;
      return [rank, f[1]];
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1].deg - a[1].deg || (a[1].name < b[1].name ? -1 : 1); });
    return found.map(function (f) { return f[1]; });
  }
  function showResults() {
    results.textContent = "";
    hits.slice(0, 200).forEach(function (n, i) {
      var b = el("button", i === active ? "active" : "");
      b.type = "button";
      b.setAttribute("role", "option");
      b.dataset.node = n.id;
      b.appendChild(el("b", null, n.name));
      var sub = [kindName(n.group)];
      if (n.prov) sub.push(n.prov);
      var posts = n.group === "Person" ? postsOf(n.id) : [];
      if (posts.length) sub.push(posts.join("; "));
      b.appendChild(el("div", "sub", sub.join(" · ")));
      results.appendChild(b);
    });
    if (hits.length > 200) results.appendChild(el("div", "more", (hits.length - 200) + " more: type more of the name"));
    results.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!results.hidden));
  }
  function select(id, fromSearch) {
    if (hiddenNode[id]) {
      state.forced = id;
      if (state.focus) state.expanded.push(id);
      applyFilters();
    }
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    network.selectNodes([id]);
    openNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), locked: false, animation: false });
    setStatus("focused: " + byId[id].name + (fromSearch && hits.length > 1 ? " (1 of " + hits.length + " matches)" : ""));
    return id;
  }
  function search(text) {
    hits = findAll(text);
    active = 0;
    if (!hits.length) {
      results.hidden = true;
      setStatus("no node matches");
      return null;
    }
    return select(hits[0].id, true);
  }
  input.addEventListener("input", function () {
    hits = findAll(input.value);
    active = 0;
    showResults();
    setStatus(input.value.trim() ? (hits.length ? hits.length + " match" + (hits.length === 1 ? "" : "es") : "no node matches") : "");
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % Math.min(hits.length, 200);
      showResults();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      hits = findAll(input.value);
      if (!hits.length) { search(input.value); return; }
      select(hits[Math.min(active, hits.length - 1)].id, true);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  results.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (b) select(b.dataset.node, true);
  });

  // --- legend, dates, province, tools -------------------------------------------------------
  var boxes = document.querySelectorAll("#legend input[type=checkbox]");
  function readBoxes() {
    state.labelsOff = {}; state.typesOff = {}; state.statusOff = {};
    boxes.forEach(function (b) {
      if (b.dataset.label && !b.checked) state.labelsOff[b.dataset.label] = true;
      if (b.dataset.type && !b.checked) state.typesOff[b.dataset.type] = true;
      if (b.dataset.status && !b.checked) state.statusOff[b.dataset.status] = true;
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", function () { readBoxes(); applyFilters(); }); });
  var fromInput = document.getElementById("date-from"), toInput = document.getElementById("date-to");
  var provSelect = document.getElementById("province");
  function readDates() {
    state.from = fromInput.value || "";
    state.to = toInput.value || "";
    applyFilters();
  }
  fromInput.addEventListener("change", readDates);
  toInput.addEventListener("change", readDates);
  document.getElementById("date-clear").addEventListener("click", function () {
    fromInput.value = ""; toInput.value = ""; readDates();
  });
  provSelect.addEventListener("change", function () { state.prov = provSelect.value; applyFilters(); fitVisible(); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
  document.getElementById("fit").addEventListener("click", fitVisible);
  document.getElementById("show-all").addEventListener("click", function () {
    state.focus = null; state.expanded = []; state.forced = null; applyFilters(); fitVisible();
  });
  document.getElementById("export-png").addEventListener("click", function () {
    var link = el("a");
    link.href = exportPng();
    link.download = (document.title || "map").replace(/[^\w\u00C0-\u1EF9 -]+/g, "_").slice(0, 80) + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  function zoomBy(factor) {
    network.moveTo({ scale: network.getScale() * factor });
    saveHash();
  }
  function exportPng() {
    // The vis canvas is transparent: paint it on white, labels included (they are on that canvas).
    var src = network.canvas.frame.canvas;
    var out = document.createElement("canvas");
    out.width = src.width;
    out.height = src.height;
    var g = out.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(src, 0, 0);
    return out.toDataURL("image/png");
  }

  // --- the view in the address (hash) -------------------------------------------------------
  var hashTimer = null, restoring = true;
  function encodeHash() {
    var p = new URLSearchParams();
    var v = network.getViewPosition();
    p.set("view", Math.round(v.x) + "," + Math.round(v.y) + "," + network.getScale().toFixed(3));
    if (state.selected) p.set("sel", state.selected);
    if (state.edge) p.set("edge", state.edge);
    if (state.focus) p.set("focus", state.focus.join(" "));
    if (state.expanded.length) p.set("expand", state.expanded.join(" "));
    var off = [];
    Object.keys(state.labelsOff).forEach(function (k) { off.push("node:" + k); });
    Object.keys(state.typesOff).forEach(function (k) { off.push("rel:" + k); });
    Object.keys(state.statusOff).forEach(function (k) { off.push("status:" + k); });
    if (off.length) p.set("hide", off.join(" "));
    if (state.from) p.set("from", state.from);
    if (state.to) p.set("to", state.to);
    if (state.prov) p.set("prov", state.prov);
    return p.toString();
  }
  function saveHash() {
    if (restoring) return;
    clearTimeout(hashTimer);
    hashTimer = setTimeout(function () { history.replaceState(null, "", "#" + encodeHash()); }, 150);
  }
  function restoreHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    (p.get("hide") || "").split(" ").filter(Boolean).forEach(function (item) {
      var cut = item.indexOf(":"), kind = item.slice(0, cut), key = item.slice(cut + 1);
      var attr = { node: "label", rel: "type", status: "status" }[kind];
      boxes.forEach(function (b) { if (attr && b.dataset[attr] === key) b.checked = false; });
    });
    readBoxes();
    if (p.get("from")) fromInput.value = p.get("from");
    if (p.get("to")) toInput.value = p.get("to");
    state.from = fromInput.value || "";
    state.to = toInput.value || "";
    if (p.get("prov")) { provSelect.value = p.get("prov"); state.prov = provSelect.value; }
    if (p.get("focus")) state.focus = p.get("focus").split(" ").filter(function (id) { return byId[id]; });
    if (state.focus && !state.focus.length) state.focus = null;
    if (p.get("expand")) state.expanded = p.get("expand").split(" ").filter(function (id) { return byId[id]; });
    applyFilters();
    var view = (p.get("view") || "").split(",").map(Number);
    if (view.length === 3 && view.every(isFinite) && view[2] > 0) {
      network.moveTo({ position: { x: view[0], y: view[1] }, scale: view[2] });
    } else {
      fitAll(null);
    }
    if (p.get("sel") && byId[p.get("sel")]) {
      network.selectNodes([p.get("sel")]);
      openNode(p.get("sel"));
    } else if (p.get("edge") && edgeById[p.get("edge")]) {
      network.selectEdges([p.get("edge")]);
      openEdge(p.get("edge"));
    }
  }
  network.on("dragEnd", saveHash);
  network.on("zoom", saveHash);
  network.on("animationFinished", saveHash);

  // --- ready --------------------------------------------------------------------------------
  function markReady() {
    if (window.danvan.ready) return;
    window.danvan.ready = true;
    timing.ready = performance.now();
    document.documentElement.setAttribute("data-ready", "1");
  }
  window.danvan = {
    network: network, nodes: nodes, edges: edges, ready: false, search: search, select: select,
    findAll: function (text) { return findAll(text).map(function (n) { return n.id; }); },
    focusOn: focusOn, expand: expand, exportPng: exportPng, state: state, timing: timing,
    labels: function () { return lastLabels.slice(); },
    visibleNodes: function () { return data.nodes.filter(function (n) { return !hiddenNode[n.id]; }).map(function (n) { return n.id; }); },
    visibleEdges: function () { return data.edges.filter(function (e) { return !hiddenEdge[e.id]; }).map(function (e) { return e.id; }); }
  };
  restoreHash();
  restoring = false;
  if (!data.nodes.length) markReady();  // nothing to draw: vis may not draw at all
  else network.once("afterDrawing", function () { setTimeout(markReady, 0); });
  network.redraw();
})();

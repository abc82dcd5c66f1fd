// The status page: reloads ../pipeline/status every refreshMs and draws it. Every value goes in as text (table and
// column names may hold anything MySQL accepts), never as HTML.
"use strict";

const HOPS = { source_to_kafka: "#1f77b4", kafka_to_clickhouse: "#ff7f0e", source_to_clickhouse: "#2ca02c" };
const GOOD = ["RUNNING", "EQUAL", "COMPLETED"];
const BAD = ["FAILED", "HALTED", "REFUSED", "DIFFERENT", "MISSING", "UNASSIGNED"];
let refreshMs = 3000;
let lastOk = 0;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function stateClass(state) {
  if (!state) return "state muted";
  if (GOOD.includes(state)) return "state ok";
  if (BAD.includes(state)) return "state bad";
  return "state warn";
}

function ago(iso, now) {
  if (!iso) return "";
  const s = Math.round((Date.parse(now) - Date.parse(iso)) / 1000);
  if (isNaN(s)) return iso;
  if (s < 60) return Math.max(s, 0) + " s ago";
  if (s < 3600) return Math.round(s / 60) + " min ago";
  return Math.round(s / 3600) + " h ago";
}

function renderProblems(problems) {
  const ul = document.getElementById("problems");
  ul.replaceChildren();
  ul.className = problems.length ? "has-problems" : "";
  if (!problems.length) ul.append(el("li", "none: everything announced is running", "ok"));
  for (const p of problems) {
    const li = el("li", null, "problem bad");
    li.append(el("b", p.where + ": "), document.createTextNode(p.message));
    ul.append(li);
  }
}

function renderSource(source, now) {
  const div = document.getElementById("source");
  div.replaceChildren();
  div.className = "";
  if (!source) { div.append(el("span", "no connector announced yet", "muted")); return; }
  div.append(el("b", source.connector), document.createTextNode(" (" + (source.flavor || "?") + ", "
    + (source.databases || []).join(", ") + "): "), el("span", source.state, stateClass(source.state)));
  for (const t of source.tasks || []) {
    div.append(document.createTextNode(" · task " + t.id + " "), el("span", t.state, stateClass(t.state)));
    if (t.error) div.append(el("span", " " + t.error, "bad"));
  }
  if (source.message) div.append(el("div", source.message, "warn"));
  if (source.announcedAt) div.append(el("div", "registered " + ago(source.announcedAt, now), "muted"));
}

function driftText(d, now) {
  if (!d) return "";
  let text = d.state + ", " + d.rowsCompared + " rows in " + d.chunks + " chunks";
  if (d.differentChunks && d.differentChunks.length) text += ", " + d.differentChunks.length + " differ";
  if (d.reason) text += ": " + d.reason;
  return text + " (" + ago(d.finishedAt || d.startedAt, now) + ")";
}

function renderTables(tables, now) {
  const body = document.querySelector("#tables tbody");
  body.replaceChildren();
  for (const t of tables) {
    const sinks = t.sinks.length ? t.sinks : [null];
    for (const s of sinks) {
      const tr = el("tr");
      tr.dataset.table = t.name;
      tr.dataset.sink = s ? s.sink : "";
      tr.append(el("td", t.name, "name"), el("td", t.kind, "kind"), el("td", s ? s.sink : "", "sink"),
        el("td", s ? s.state : "no sink status yet", stateClass(s && s.state)),
        el("td", s ? s.rowsWritten : "", "num rows"), el("td", s ? s.lag : "", "num lag"),
        el("td", t.snapshot || "", "snapshot"));
      const drift = el("td", driftText(t.drift, now), "drift");
      if (t.drift) drift.classList.add(GOOD.includes(t.drift.state) ? "ok" : BAD.includes(t.drift.state) ? "bad" : "warn");
      const tone = !s ? "muted" : BAD.includes(s.state) ? "bad" : s.state === "RETRYING" ? "warn" : "muted";
      // The whole error is in the problems above and on hover; the row keeps its beginning.
      const error = s && s.lastError ? s.lastError : "";
      const cell = el("td", error.length > 160 ? error.slice(0, 160) + "…" : error, "error " + tone);
      if (error.length > 160) cell.title = error;
      tr.append(drift, cell);
      body.append(tr);
    }
  }
  if (!tables.length) {
    const tr = el("tr");
    const td = el("td", "no table announced yet", "muted");
    td.colSpan = 9;
    tr.append(td);
    body.append(tr);
  }
}

function renderEnrichments(enrichments) {
  const body = document.querySelector("#enrichments tbody");
  body.replaceChildren();
  for (const e of enrichments) {
    const tr = el("tr");
    tr.dataset.enrichment = e.name;
    tr.append(el("td", e.name), el("td", e.engine), el("td", e.state, stateClass(e.state)), el("td", e.outputTopic),
      el("td", e.lag === null || e.lag === undefined ? "" : e.lag, "num"), el("td", e.reason || "", "error"));
    body.append(tr);
  }
  if (!enrichments.length) {
    const tr = el("tr");
    const td = el("td", "no enrichment deployed", "muted");
    td.colSpan = 6;
    tr.append(td);
    body.append(tr);
  }
}

// Log-scale plot of p50 (solid) and p99 (dashed) per hop over the window; a gap where no change was written.
function renderLatency(latency, now) {
  const svg = document.getElementById("latency");
  const NS = "http://www.w3.org/2000/svg";
  const W = 980, H = 240, L = 60, R = 300, T = 10, B = 30;
  const end = Date.parse(now), start = end - latency.windowMs;
  const points = latency.points;
  const top = Math.max(1, ...points.map(p => p.p99));
  const yMin = Math.log10(0.001), yMax = Math.ceil(Math.log10(top));
  const x = t => L + (W - L - R) * (t - start) / (end - start);
  const y = v => H - B - (H - T - B) * (Math.log10(Math.max(v, 0.001)) - yMin) / (yMax - yMin);
  const node = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    svg.append(n);
    return n;
  };
  svg.replaceChildren();
  const labels = { "-3": "1 ms", "-2": "10 ms", "-1": "100 ms", "0": "1 s", "1": "10 s", "2": "100 s", "3": "1000 s" };
  for (let e = yMin; e <= yMax; e++) {
    node("line", { x1: L, x2: W - R, y1: y(10 ** e), y2: y(10 ** e), class: "grid" });
    node("text", { x: L - 6, y: y(10 ** e) + 4, "text-anchor": "end" }, labels[String(e)] || ("1e" + e + " s"));
  }
  for (let m = 0; m * 60000 <= latency.windowMs; m++) {
    node("text", { x: x(end - m * 60000), y: H - 10, "text-anchor": "middle" }, m ? "-" + m + " min" : "now");
  }
  node("line", { x1: L, x2: L, y1: T, y2: H - B, stroke: "#999" });
  let row = 0;
  for (const hop in HOPS) {
    const mine = points.filter(p => p.hop === hop);
    for (const [q, dash] of [["p50", ""], ["p99", "5,4"]]) {
      let d = "", prev = null;
      for (const p of mine) {
        const gap = prev === null || p.atMs - prev > 2.5 * latency.intervalMs;
        d += (gap ? "M" : "L") + x(p.atMs).toFixed(1) + "," + y(p[q]).toFixed(1) + " ";
        prev = p.atMs;
      }
      if (d) node("path", { d: d, fill: "none", stroke: HOPS[hop], "stroke-width": q === "p50" ? 2 : 1.2,
        "stroke-dasharray": dash, class: "hop-" + hop + " " + q });
      // A lone point (a single change) draws no line: mark every point.
      if (q === "p50") for (const p of mine) node("circle", { cx: x(p.atMs), cy: y(p.p50), r: 2, fill: HOPS[hop] });
    }
    const last = mine[mine.length - 1];
    node("rect", { x: W - R + 12, y: T + 8 + row * 18 - 8, width: 10, height: 10, fill: HOPS[hop] });
    node("text", { x: W - R + 28, y: T + 8 + row * 18 + 1 },
      hop + (last ? " " + fmt(last.p50) + " / " + fmt(last.p99) : " —"));
    row++;
  }
  const note = document.getElementById("latency-note");
  note.textContent = !latency.sinks.length ? "no sink metrics configured (enricher.status.sink-urls)"
    : points.length ? "read from " + latency.sinks.join(", ") + "/q/metrics every " + latency.intervalMs / 1000 + " s"
    : "no change written in the window (read from " + latency.sinks.join(", ") + ")";
  document.getElementById("window").textContent = Math.round(latency.windowMs / 60000) + " minutes";
}

function fmt(seconds) {
  return seconds < 1 ? Math.round(seconds * 1000) + " ms" : seconds.toFixed(seconds < 10 ? 2 : 0) + " s";
}

async function refresh() {
  const updated = document.getElementById("updated");
  try {
    const response = await fetch("../pipeline/status", { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const status = await response.json();
    refreshMs = status.refreshMs || refreshMs;
    renderProblems(status.problems);
    renderSource(status.source, status.at);
    renderLatency(status.latency, status.at);
    renderTables(status.tables, status.at);
    renderEnrichments(status.enrichments);
    lastOk = Date.now();
    updated.className = "";
    updated.textContent = "updated " + new Date(status.at).toLocaleTimeString() + ", every " + refreshMs / 1000 + " s";
  } catch (e) {
    updated.className = "stale";
    updated.textContent = "cannot reach enricher-gateway (" + e.message + ")"
      + (lastOk ? "; what you see is from " + new Date(lastOk).toLocaleTimeString() : "");
  } finally {
    setTimeout(refresh, refreshMs);
  }
}

refresh();

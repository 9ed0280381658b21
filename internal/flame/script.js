// ior's flamegraph: click a frame to zoom to it, "Search" (or Ctrl-F) to
// mark frames whose name matches a regular expression, hover for details.
// Embedded whole in every SVG (no network, no file beside it). The layout
// functions work on plain records so that a test can run them without a
// browser.
"use strict";

var PAD = 10, WIDTH = 1200, CHAR_W = 7, MATCH_FILL = "rgb(230,0,230)";

// frameRecords reads each frame's drawn geometry once: x and w as drawn
// for the whole graph, y (a frame's depth never changes), its name.
function frameRecords(groups) {
	var out = [];
	for (var i = 0; i < groups.length; i++) {
		var g = groups[i], r = g.getElementsByTagName("rect")[0];
		out.push({
			g: g, rect: r, text: g.getElementsByTagName("text")[0],
			x: parseFloat(r.getAttribute("x")), w: parseFloat(r.getAttribute("width")),
			y: parseFloat(r.getAttribute("y")), name: g.getAttribute("data-name"),
			fill: r.getAttribute("fill")
		});
	}
	return out;
}

// zoomLayout says where each frame goes when target fills the width:
// target and what is above it within its span are stretched, what is
// below it (its callers, all the way down to "all") spans the width,
// dimmed, and everything else is hidden. Returns {x, w, hidden, dim}
// per frame, in order.
function zoomLayout(frames, target) {
	var eps = 0.0001, left = target.x, right = target.x + target.w;
	var scale = (WIDTH - 2 * PAD) / target.w, out = [];
	for (var i = 0; i < frames.length; i++) {
		var f = frames[i];
		if (f.y > target.y && f.x <= left + eps && f.x + f.w >= right - eps) {
			out.push({ x: PAD, w: WIDTH - 2 * PAD, hidden: false, dim: true });
		} else if (f.y <= target.y && f.x >= left - eps && f.x + f.w <= right + eps) {
			out.push({ x: PAD + (f.x - left) * scale, w: f.w * scale, hidden: false, dim: false });
		} else {
			out.push({ x: f.x, w: f.w, hidden: true, dim: false });
		}
	}
	return out;
}

// label is the part of name that fits in a frame w wide ("" below three
// characters), cut with "..".
function label(name, w) {
	var fit = Math.floor((w - 6) / CHAR_W);
	if (fit < 3) {
		return "";
	}
	return name.length > fit ? name.substring(0, fit - 2) + ".." : name;
}

// matchedShare is the share of the whole width that frames matching re
// cover, each point counted once (a match inside a match adds nothing).
function matchedShare(frames, re) {
	var spans = [];
	for (var i = 0; i < frames.length; i++) {
		if (re.test(frames[i].name)) {
			spans.push([frames[i].x, frames[i].x + frames[i].w]);
		}
	}
	spans.sort(function (a, b) { return a[0] - b[0]; });
	var total = 0, end = -Infinity;
	for (var j = 0; j < spans.length; j++) {
		var s = Math.max(spans[j][0], end);
		if (spans[j][1] > s) {
			total += spans[j][1] - s;
		}
		end = Math.max(end, spans[j][1]);
	}
	return { count: spans.length, share: total / (WIDTH - 2 * PAD) };
}

// The browser side: wiring the functions above to the document.
function place(f, x, w) {
	f.rect.setAttribute("x", x.toFixed(2));
	f.rect.setAttribute("width", w.toFixed(2));
	if (f.text) {
		f.text.setAttribute("x", (x + 3).toFixed(2));
		f.text.textContent = label(f.name, w);
	}
}

function start() {
	var frames = frameRecords(document.querySelectorAll("g.frame"));
	var details = document.getElementById("details");
	var unzoom = document.getElementById("unzoom");
	var matched = document.getElementById("matched");
	function zoom(target) {
		var lay = zoomLayout(frames, target);
		for (var i = 0; i < frames.length; i++) {
			var f = frames[i], l = lay[i];
			f.g.style.display = l.hidden ? "none" : "";
			f.g.style.opacity = l.dim ? "0.6" : "";
			place(f, l.x, l.w);
		}
		unzoom.style.display = "";
	}
	function reset() {
		for (var i = 0; i < frames.length; i++) {
			var f = frames[i];
			f.g.style.display = "";
			f.g.style.opacity = "";
			place(f, f.x, f.w);
		}
		unzoom.style.display = "none";
	}
	function search(pattern) {
		var re;
		for (var i = 0; i < frames.length; i++) {
			frames[i].rect.setAttribute("fill", frames[i].fill);
		}
		matched.textContent = "";
		if (!pattern) {
			return;
		}
		try {
			re = new RegExp(pattern);
		} catch (e) {
			matched.textContent = "not a regular expression: " + pattern;
			return;
		}
		for (var j = 0; j < frames.length; j++) {
			if (re.test(frames[j].name)) {
				frames[j].rect.setAttribute("fill", MATCH_FILL);
			}
		}
		var m = matchedShare(frames, re);
		matched.textContent = "matched " + m.count + " frames, " + (100 * m.share).toFixed(2) + "% of the width";
	}
	frames.forEach(function (f) {
		f.g.addEventListener("click", function () { zoom(f); });
		f.g.addEventListener("mouseover", function () {
			details.textContent = f.g.getElementsByTagName("title")[0].textContent;
		});
		f.g.addEventListener("mouseout", function () { details.textContent = " "; });
	});
	unzoom.addEventListener("click", reset);
	function ask() {
		var p = window.prompt("Mark frames whose name matches (a regular expression; empty: none)", "");
		if (p !== null) {
			search(p);
		}
	}
	document.getElementById("search").addEventListener("click", ask);
	window.addEventListener("keydown", function (e) {
		if ((e.ctrlKey || e.metaKey) && e.key === "f") {
			e.preventDefault();
			ask();
		} else if (e.key === "Escape") {
			reset();
			search("");
		}
	});
}

if (typeof window !== "undefined" && typeof document !== "undefined") {
	window.addEventListener("load", start);
}

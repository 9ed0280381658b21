package flame

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

type svgFrame struct {
	Name    string  `json:"name"`
	X, W, Y float64 `json:"-"`
	Depth   int     `json:"-"`
}

type svgDoc struct {
	title   string
	heading string
	script  string
	ids     map[string]bool
	frames  []svgFrame
}

// readSVG parses a flamegraph (failing the test unless it is well-formed
// XML) into what the interactive parts need.
func readSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	doc := svgDoc{ids: map[string]bool{}}
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			if id := attr["id"]; id != "" {
				doc.ids[id] = true
			}
			switch {
			case tok.Name.Local == "script" && (attr["href"] != "" || attr["src"] != ""):
				t.Errorf("the script is not inline: %v", attr)
			case tok.Name.Local == "g" && attr["class"] == "frame":
				doc.frames = append(doc.frames, svgFrame{Name: attr["data-name"]})
			case tok.Name.Local == "rect" && len(stack) > 0 && stack[len(stack)-1] == "g" && len(doc.frames) > 0:
				f := &doc.frames[len(doc.frames)-1]
				f.X, _ = strconv.ParseFloat(attr["x"], 64)
				f.W, _ = strconv.ParseFloat(attr["width"], 64)
				f.Y, _ = strconv.ParseFloat(attr["y"], 64)
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			switch {
			case len(stack) == 2 && stack[1] == "title":
				doc.title += string(tok)
			case len(stack) == 2 && stack[1] == "script":
				doc.script += string(tok)
			case len(stack) == 2 && stack[1] == "text" && doc.heading == "":
				doc.heading = string(tok)
			}
		}
	}
	// Depth from the bottom: y grows downwards, "all" is lowest.
	for i := range doc.frames {
		doc.frames[i].Depth = int(math.Round((doc.frames[0].Y - doc.frames[i].Y) / frameH))
	}
	return doc
}

// The flamegraph is interactive as flamegraph.pl's is, self-contained,
// and says its weight in its title.
func TestSVGInteractive(t *testing.T) {
	st, _ := Stacks(aggs(), Options{})
	var b bytes.Buffer
	if err := WriteSVG(&b, st, "ior: t", "calls"); err != nil {
		t.Fatal(err)
	}
	doc := readSVG(t, b.Bytes())
	for _, s := range []string{doc.title, doc.heading} {
		if s != "ior: t (weight: calls, 8 in all)" {
			t.Errorf("title %q, want the weight and the total in it", s)
		}
	}
	for _, id := range []string{"search", "unzoom", "details", "matched"} {
		if !doc.ids[id] {
			t.Errorf("no element %q", id)
		}
	}
	if !strings.Contains(doc.script, "function zoomLayout") || strings.Contains(script, "]]>") {
		t.Fatalf("the script is not inline whole (%d bytes)", len(doc.script))
	}
	if len(doc.frames) != 18 || doc.frames[0].Name != "all" {
		t.Fatalf("%d frames, first %q; want 18 from all", len(doc.frames), doc.frames[0].Name)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node to run the script with")
	}
	// Zoom to the "cat" frame and search for passwd, in node, with the
	// script as the SVG carries it.
	target := -1
	for i, f := range doc.frames {
		if f.Name == "cat" && f.Depth == 1 {
			target = i
		}
	}
	type rec struct {
		X    float64 `json:"x"`
		W    float64 `json:"w"`
		Y    float64 `json:"y"`
		Name string  `json:"name"`
	}
	var recs []rec
	for _, f := range doc.frames {
		recs = append(recs, rec{f.X, f.W, f.Y, f.Name})
	}
	in, _ := json.Marshal(recs)
	prog := doc.script + `
var frames = ` + string(in) + `;
console.log(JSON.stringify({zoom: zoomLayout(frames, frames[` + strconv.Itoa(target) + `]),
	search: matchedShare(frames, /passwd/), label: label("abcdefghijklmnop", 60)}));
`
	out, err := exec.Command(node, "-e", prog).Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		Zoom []struct {
			X, W        float64
			Hidden, Dim bool
		}
		Search struct {
			Count int
			Share float64
		}
		Label string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// The expected layout from the tree's shape (frames are drawn depth
	// first: a frame's subtree is the run of deeper frames after it),
	// not from the script's geometry.
	tf := doc.frames[target]
	end := target + 1
	for end < len(doc.frames) && doc.frames[end].Depth > tf.Depth {
		end++
	}
	full := width - 2*pad
	for i, z := range got.Zoom {
		f := doc.frames[i]
		switch {
		case i == 0: // "all", below cat: the whole width, dimmed
			if z.Hidden || !z.Dim || z.X != pad || z.W != full {
				t.Errorf("all after zooming to cat: %+v", z)
			}
		case i >= target && i < end:
			wantW := f.W * full / tf.W
			if z.Hidden || z.Dim || math.Abs(z.W-wantW) > 0.01 || z.X < pad-0.01 || z.X+z.W > pad+full+0.01 {
				t.Errorf("%s (in cat's subtree) after zooming: %+v, want width %.2f inside the graph", f.Name, z, wantW)
			}
		default:
			if !z.Hidden {
				t.Errorf("%s (outside cat's subtree) is shown after zooming to cat: %+v", f.Name, z)
			}
		}
	}
	if got.Zoom[target].X != pad || math.Abs(got.Zoom[target].W-full) > 0.01 {
		t.Errorf("cat itself after zooming: %+v, want the whole width", got.Zoom[target])
	}
	// passwd: 2 calls under cat, 1 under sh, of 8.
	if got.Search.Count != 2 || math.Abs(got.Search.Share-3.0/8) > 0.001 {
		t.Errorf("search /passwd/: %+v, want 2 frames, 3/8 of the width", got.Search)
	}
	if got.Label != "abcde.." { // 7 characters fit: 5 and ".."
		t.Errorf("label in 60px: %q", got.Label)
	}
	// The wiring, in a stand-in DOM: a click on cat zooms (sh hidden,
	// cat the whole width), hovering shows the details, Search marks the
	// matches, Reset zoom puts every frame back.
	dom := `
function el(tag, attrs, kids) {
	var e = {tag: tag, attrs: attrs || {}, kids: kids || [], style: {}, on: {}, textContent: ""};
	e.getAttribute = function (k) { return k in e.attrs ? String(e.attrs[k]) : null; };
	e.setAttribute = function (k, v) { e.attrs[k] = v; };
	e.getElementsByTagName = function (t) { return e.kids.filter(function (k) { return k.tag === t; }); };
	e.addEventListener = function (ev, f) { e.on[ev] = f; };
	return e;
}
var groups = frames.map(function (f) {
	var title = el("title"); title.textContent = f.name + " (details)";
	return el("g", {"data-name": f.name}, [title, el("rect", {x: f.x, width: f.w, y: f.y, fill: "red"}), el("text")]);
});
var byId = {search: el("text"), unzoom: el("text"), details: el("text"), matched: el("text")};
var document = {querySelectorAll: function () { return groups; }, getElementById: function (id) { return byId[id]; }};
var handlers = {};
var window = {addEventListener: function (ev, f) { handlers[ev] = f; }, prompt: function () { return "passwd"; }};
`
	prog = "var frames = " + string(in) + ";\n" + dom + doc.script + `
handlers.load();
var cat = groups[` + strconv.Itoa(target) + `], sh = groups.filter(function (g) { return g.attrs["data-name"] === "sh"; })[0];
cat.on.mouseover();
var hover = byId.details.textContent;
cat.on.click();
var zoomed = {catW: cat.kids[1].attrs.width, shHidden: sh.style.display === "none", unzoom: byId.unzoom.style.display};
byId.search.on.click();
var marked = groups.filter(function (g) { return g.kids[1].attrs.fill !== "red"; }).length;
byId.unzoom.on.click();
console.log(JSON.stringify({hover: hover, zoomed: zoomed, marked: marked, matched: byId.matched.textContent,
	afterW: cat.kids[1].attrs.width, afterSh: sh.style.display}));
`
	out, err = exec.Command(node, "-e", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var ui struct {
		Hover  string
		Zoomed struct {
			CatW     string
			ShHidden bool
			Unzoom   string
		}
		Marked  int
		Matched string
		AfterW  json.RawMessage
		AfterSh string
	}
	if err := json.Unmarshal(out, &ui); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if ui.Hover != "cat (details)" || ui.Zoomed.CatW != "1180.00" || !ui.Zoomed.ShHidden || ui.Zoomed.Unzoom != "" ||
		ui.Marked != 2 || !strings.Contains(ui.Matched, "37.50%") || ui.AfterSh != "" {
		t.Errorf("in the page: %s", out)
	}
	if w, _ := strconv.ParseFloat(strings.Trim(string(ui.AfterW), `"`), 64); math.Abs(w-tf.W) > 0.01 {
		t.Errorf("cat's width after Reset zoom: %s, want %.2f", ui.AfterW, tf.W)
	}
}

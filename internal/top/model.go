// Package top is ior's dashboard: tabs of live (or recorded) numbers
// drawn from a live.Aggregator's snapshots, on bubbletea. The model is
// plain data; Update reacts to keys and to a tick that fetches a new
// snapshot about ten times a second; View draws from the model alone.
package top

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/live"
)

// Tabs, in the order of their number keys.
var tabNames = [...]string{"Overview", "Syscalls", "Files", "Processes", "Latency", "io_uring", "Stream", "Flame", "Other"}

const (
	tabOverview = iota
	tabSyscalls
	tabFiles
	tabProcs
	tabLatency
	tabURing
	tabStream
	tabFlame
	tabOther
)

// Refresh is how often the screen fetches a snapshot.
const Refresh = 100 * time.Millisecond

// pin is one filter pushed from a selected cell (Enter), popped with
// Backspace.
type pin struct{ field, value string }

// Model is the dashboard's state.
type Model struct {
	src    Source
	snap   *live.Snapshot
	status Status
	st     *styles
	w, h   int
	tab    int
	sel    [len(tabNames)]int // selected row per tab
	pins   []pin
	errors bool   // errors only
	minDur uint64 // ns
	// Syscalls' sort column; Files by directory.
	sortBy  int
	byDir   bool
	paused  bool          // Stream: the tail is frozen
	frozen  []event.Event // the tail when paused
	search  *regexp.Regexp
	col     int // Stream: the selected column
	flameBy int // Flame: 0 file+syscall, 1 process, 2 stack (flameFields)
	zoom    []string
	help    bool
	prompt  *prompt
	msg     string
	took    time.Duration // the last snapshot's time
	timed   bool          // the header says when refreshes slow down (not in golden tests)
	// Quit tells Run what the user asked for.
	quitting bool
	// exitOnEnd quits when the target ends (scripts, benchmarks).
	exitOnEnd bool
}

// prompt is a line being typed: a regex search or a filter.
type prompt struct {
	label string
	text  string
	apply func(m *Model, text string) string
}

type tickMsg struct{}

// endedMsg says the session is over (the target exited).
type endedMsg struct{}

// New makes the model over src.
func New(src Source, color bool) *Model {
	m := &Model{src: src, st: newStyles(color), w: 80, h: 24}
	m.refresh()
	return m
}

func tick(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m *Model) Init() tea.Cmd { return tick(Refresh) }

// interval is the time to the next refresh: Refresh, or longer when
// snapshots are slow (full tables on a busy machine), so that taking
// them costs at most a tenth of a CPU and of the read loop's time.
func (m *Model) interval() time.Duration { return max(Refresh, 10*m.took) }

// filter is what every tab shows, from the pins and toggles.
func (m *Model) filter() live.Filter {
	f := live.Filter{ErrorsOnly: m.errors, Groups: m.tab == tabFlame && m.flameBy != flameByStack,
		Stacks: m.tab == tabFlame && m.flameBy == flameByStack}
	for _, p := range m.pins {
		switch p.field {
		case "pid":
			fmt.Sscan(p.value, &f.PID)
		case "syscall":
			f.Syscall = p.value
		case "path":
			f.PathPrefix = p.value
		case "file":
			f.Path = p.value
		}
	}
	return f
}

// refresh fetches a snapshot: bounded copies, a millisecond or so.
func (m *Model) refresh() {
	t0 := time.Now()
	m.snap = m.src.Snapshot(m.filter())
	m.took = time.Since(t0)
	was := m.status.Ended
	m.status = m.src.Status()
	if m.status.Ended && !was {
		m.msg = "" // the last line tells how it ended
	}
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tickMsg:
		if p, ok := m.src.(*Player); ok {
			p.Tick(Refresh)
		}
		m.refresh()
		if m.exitOnEnd && m.status.Ended {
			m.quitting = true
			return m, tea.Quit
		}
		return m, tick(m.interval())
	case endedMsg:
		m.refresh()
	case tea.KeyPressMsg:
		return m, m.key(msg.String(), msg.Text)
	}
	return m, nil
}

// key handles one key; the prompt, when open, takes every key.
func (m *Model) key(k, text string) tea.Cmd {
	if m.prompt != nil {
		return m.promptKey(k, text)
	}
	if m.help {
		m.help = false
		if k != "q" && k != "ctrl+c" {
			return nil
		}
	}
	m.msg = ""
	switch k {
	case "q", "ctrl+c":
		m.quitting = true
		return tea.Quit
	case "?":
		m.help = true
	case "tab":
		m.tab = (m.tab + 1) % len(tabNames)
	case "shift+tab":
		m.tab = (m.tab + len(tabNames) - 1) % len(tabNames)
	case "1", "2", "3", "4", "5", "6", "7", "8", "9":
		m.tab = int(k[0] - '1')
	case "up", "k":
		m.sel[m.tab] = max(0, m.sel[m.tab]-1)
	case "down", "j":
		m.sel[m.tab]++
	case "pgup":
		m.sel[m.tab] = max(0, m.sel[m.tab]-(m.h-6))
	case "pgdown":
		m.sel[m.tab] += m.h - 6
	case "home", "g":
		m.sel[m.tab] = 0
	case "enter":
		m.pinSelected()
	case "backspace":
		if m.tab == tabFlame && len(m.zoom) > 0 {
			m.zoom = m.zoom[:len(m.zoom)-1]
		} else if len(m.pins) > 0 {
			m.pins = m.pins[:len(m.pins)-1]
		}
	case "x":
		m.pins, m.errors, m.search = nil, false, nil
	case "!":
		m.errors = !m.errors
	case "f":
		m.prompt = &prompt{label: "minimum duration (e.g. 100us, 1ms; empty: none)", apply: applyMinDur}
	case "/":
		m.prompt = &prompt{label: "search the stream (regular expression; empty: none)", apply: applySearch}
	case "R":
		m.msg = m.src.Record()
	case "e", "E":
		m.msg = m.export(k == "E")
	default:
		m.tabKey(k)
	}
	m.refresh()
	return nil
}

// tabKey: keys that mean something on one tab.
func (m *Model) tabKey(k string) {
	p, offline := m.src.(*Player)
	switch {
	case k == "s" && m.tab == tabSyscalls:
		m.sortBy = (m.sortBy + 1) % len(sorts)
	case k == "d" && m.tab == tabFiles:
		m.byDir = !m.byDir
		m.sel[m.tab] = 0
	case k == "space" && m.tab == tabStream && !offline:
		m.paused = !m.paused
		m.frozen = nil
		if m.paused {
			m.frozen = m.snap.Tail
		}
	case (k == "left" || k == "right") && m.tab == tabStream:
		m.col = (m.col + map[string]int{"left": len(pinCols) - 1, "right": 1}[k]) % len(pinCols)
	case (k == "left" || k == "right") && m.tab == tabFlame:
		m.sel[m.tab] = max(0, m.sel[m.tab]+map[string]int{"left": -1, "right": 1}[k])
	case k == "w" && m.tab == tabFlame:
		m.flameBy = m.nextFlameBy()
		m.zoom = nil
	case offline:
		m.playerKey(p, k)
	}
}

func (m *Model) playerKey(p *Player, k string) {
	step := max(time.Duration(p.Last-p.First)/50, time.Millisecond)
	switch k {
	case ",":
		p.Step(-step)
	case ".":
		p.Step(step)
	case "space":
		p.Playing = !p.Playing
		if p.Playing && p.At >= p.Last {
			p.Seek(p.First)
		}
	case "+":
		p.Speed = min(p.Speed*2, 1024)
	case "-":
		p.Speed = max(p.Speed/2, 1.0/64)
	case "[":
		p.Seek(p.First)
	case "]":
		p.Seek(p.Last)
	case "m":
		p.Mark()
	}
}

func (m *Model) promptKey(k, text string) tea.Cmd {
	p := m.prompt
	switch k {
	case "esc":
		m.prompt = nil
	case "enter":
		m.prompt = nil
		m.msg = p.apply(m, strings.TrimSpace(p.text))
		m.refresh()
	case "backspace":
		if r := []rune(p.text); len(r) > 0 {
			p.text = string(r[:len(r)-1])
		}
	case "ctrl+c":
		m.quitting = true
		return tea.Quit
	default:
		p.text += text
	}
	return nil
}

func applyMinDur(m *Model, text string) string {
	var d time.Duration
	if text != "" {
		var err error
		if d, err = time.ParseDuration(text); err != nil || d < 0 {
			return fmt.Sprintf("%q is not a duration (100us, 1ms, 2s)", text)
		}
	}
	m.minDur = uint64(d)
	m.src.SetMinDuration(m.minDur)
	if d == 0 {
		return "counting every call again, from now"
	}
	return "counting calls of at least " + d.String() + ", from now"
}

func applySearch(m *Model, text string) string {
	if text == "" {
		m.search = nil
		return ""
	}
	re, err := regexp.Compile(text)
	if err != nil {
		return "search: " + err.Error()
	}
	m.search = re
	m.tab = tabStream
	return ""
}

// Quitting reports whether the user asked to quit.
func (m *Model) Quitting() bool { return m.quitting }

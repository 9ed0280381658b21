package top

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// View draws the screen: tab bar, header, the tab's body, filter line,
// and a line for keys or the last message.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Screen())
	v.AltScreen = true
	return v
}

// Screen is the view's text (with styles).
func (m *Model) Screen() string {
	w, h := max(m.w, 20), max(m.h, 6)
	lines := []string{m.tabBar(w), fit(m.header(), w)}
	body := h - 4
	var b []string
	switch {
	case m.help:
		b = helpLines()
	default:
		b = m.body(w, body)
	}
	for i := range body {
		l := ""
		if i < len(b) {
			l = b[i]
		}
		lines = append(lines, fit(l, w))
	}
	lines = append(lines, fit(m.filterLine(), w))
	last := m.msg
	switch {
	case m.prompt != nil:
		last = m.prompt.label + ": " + m.prompt.text + "_"
	case last == "" && m.status.Ended && m.status.EndNote != "":
		last = m.status.EndNote + " — final numbers; q quits"
	case last == "":
		last = "? keys  1-9/Tab tabs  Enter filter  Bksp unfilter  R record  e/E export  q quit"
	}
	lines = append(lines, fit(last, w))
	return strings.Join(lines, "\n")
}

func (m *Model) tabBar(w int) string {
	full := 0
	for _, n := range tabNames {
		full += len(n) + 4
	}
	var b strings.Builder
	for i, n := range tabNames {
		label := fmt.Sprintf("%d %s", i+1, n)
		if full > w && i != m.tab {
			label = fmt.Sprintf("%d", i+1) // narrow: the other tabs by number
		}
		if i == m.tab {
			b.WriteString(m.st.tabOn.Render("[" + label + "]"))
		} else {
			b.WriteString(m.st.tab.Render(" " + label + " "))
		}
	}
	return fit(b.String(), w)
}

func (m *Model) header() string {
	s, st := m.snap, &m.status
	h := fmt.Sprintf("ior top | %s events", human(s.Events))
	if p, ok := m.src.(*Player); ok {
		h += " | " + p.Cursor()
	}
	h += fmt.Sprintf(" | %s lost", human(st.Lost))
	if st.Recording != "" {
		h += " | REC " + st.Recording
		if st.RecErr != nil {
			h += " FAILED: " + st.RecErr.Error()
		}
	}
	if _, ok := m.src.(*Player); !ok && st.Ended {
		h += " | ENDED"
	}
	if s.Filtered > 0 {
		h += fmt.Sprintf(" | %s filtered out", human(s.Filtered))
	}
	if s.Folded > 0 {
		h += fmt.Sprintf(" | %s in (other) rows", human(s.Folded))
	}
	if d := m.interval(); d > Refresh && m.timed {
		h += fmt.Sprintf(" | refresh %.1fs", d.Seconds())
	}
	if s.Untracked > 0 {
		h += fmt.Sprintf(" | %s of tasks past the tables", human(s.Untracked))
	}
	return h + " | " + st.Title
}

func (m *Model) filterLine() string {
	var parts []string
	for _, p := range m.pins {
		parts = append(parts, p.field+"="+p.value)
	}
	if m.errors {
		parts = append(parts, "errors only")
	}
	if m.minDur > 0 {
		parts = append(parts, "min "+humanNs(m.minDur))
	}
	if m.search != nil {
		parts = append(parts, "search /"+m.search.String()+"/")
	}
	if m.paused {
		parts = append(parts, "PAUSED")
	}
	if len(parts) == 0 {
		return "filter: none"
	}
	return "filter: " + strings.Join(parts, " > ")
}

func helpLines() []string {
	return strings.Split(Keys, "\n")
}

// Keys is the '?' screen (and the README's list).
const Keys = `Keys (any key closes this)
  1-9, Tab, Shift-Tab  tabs            q, Ctrl-C  quit (restores the terminal)
  Up/Down, PgUp/PgDn   select a row    ?          this help
  Enter      filter every tab by the selected row's process, syscall or file
             (Stream: by the selected cell); filters stack
  Backspace  pop the last filter (Flame: zoom out)     x  clear the filters
  !          errors only        f  minimum duration (the counts start again)
  /          search the stream (regular expression)
  R          start/stop recording everything traced to a .ior.zst (live)
  e / E      export the current table (Stream: the events shown) to CSV / JSON
  Syscalls: s sorts             Files: d groups by directory
  Stream: Space pauses, Left/Right pick the cell Enter filters by
  Flame: Left/Right pick, Enter zooms in, w: by file+syscall / by process
         / by stack (events recorded with -stacks: frames, file, syscall)
  Recording: , . step  Space play/pause  + - speed  [ ] start/end  m range`

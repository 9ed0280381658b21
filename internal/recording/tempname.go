package recording

// TempName is the file the recording is being written to until Close
// renames it into place ("" when the Writer was not made by Create): the
// status line reports its size as it grows.
func (w *Writer) TempName() string {
	if w.file == nil {
		return ""
	}
	return w.file.TempName()
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/export"
	"github.com/ior-tracer/ior/internal/outfile"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/textsafe"
)

// partitionKeys are what -partition may split by.
var partitionKeys = []string{"host", "date"}

// runExport is `ior export [-format parquet|csv] [-o OUT] [-partition
// host,date] FILE...`: every recording's events as rows of one table.
// Without -partition, OUT is one file (CSV may go to stdout); with it, OUT
// is a directory of Hive-style key=value directories, one file per
// recording in its partition.
func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ior export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "parquet", "file format: "+strings.Join(export.Formats, ", "))
	out := fs.String("o", "", "output file, or with -partition the output directory (CSV without -o: stdout)")
	part := fs.String("partition", "", "split into Hive-style directories by these keys: "+strings.Join(partitionKeys, ","))
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		return errors.New("export takes one or more recording files")
	}
	if !slices.Contains(export.Formats, *format) {
		return fmt.Errorf("-format %q: choose from %s", *format, strings.Join(export.Formats, ", "))
	}
	if *part != "" {
		if *out == "" {
			return errors.New("-partition writes a directory: give it with -o")
		}
		keys := strings.Split(*part, ",")
		for _, k := range keys {
			if !slices.Contains(partitionKeys, k) {
				return fmt.Errorf("-partition: unknown key %q (choose from %s)", k, strings.Join(partitionKeys, ","))
			}
		}
		return exportPartitioned(*format, *out, keys, files, stderr)
	}
	if *out == "" && *format == "parquet" {
		return errors.New("parquet is binary: give the output file with -o")
	}
	var w io.Writer = stdout
	var f *outfile.File
	if *out != "" {
		var err error
		if f, err = outfile.CreateGuarded(*out, outfile.GuardInputs(files)); err != nil {
			return fmt.Errorf("-o: %w", err)
		}
		defer f.Abort()
		w = f
	}
	sink, err := export.NewSink(*format, w)
	if err != nil {
		return err
	}
	for _, file := range files {
		if err := copyRecording(sink, file, stderr); err != nil {
			return err
		}
	}
	if err := sink.Close(); err != nil {
		return err
	}
	if f != nil {
		return f.Commit()
	}
	return nil
}

// exportPartitioned writes each recording to dir/k=v/.../<name>.<format>,
// creating nothing outside dir (see outfile.Dir).
func exportPartitioned(format, dir string, keys, files []string, stderr io.Writer) error {
	written := map[string]string{}
	guard := outfile.GuardInputs(files)
	root, err := outfile.OpenDir(dir)
	if err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	defer root.Close()
	for _, file := range files {
		h, err := readHeader(file)
		if err != nil {
			return err
		}
		var rel []string
		for _, k := range keys {
			v := outfile.SafeName(h.Host)
			if k == "date" {
				v = h.Start.UTC().Format("2006-01-02")
			}
			rel = append(rel, k+"="+v)
		}
		base := strings.TrimSuffix(filepath.Base(file), ".ior.zst")
		rel = append(rel, outfile.SafeName(base)+"."+format)
		p := strings.Join(rel, "/")
		if prev, dup := written[p]; dup {
			return fmt.Errorf("%s and %s would both be written to %s: rename one", prev, file, filepath.Join(dir, p))
		}
		written[p] = file
		f, err := root.Create(p, guard)
		if err != nil {
			return err
		}
		sink, err := export.NewSink(format, f)
		if err == nil {
			err = copyRecording(sink, file, stderr)
		}
		if err == nil {
			err = sink.Close()
		}
		if err != nil {
			f.Abort()
			return err
		}
		if err := f.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func readHeader(file string) (*recording.Header, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := recording.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defer rd.Close()
	return &rd.Header, nil
}

func copyRecording(sink export.Sink, file string, stderr io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := export.Copy(sink, f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if st.Incomplete != "" {
		fmt.Fprintf(stderr, "ior: warning: %s is incomplete (%s); its %d events are exported\n", file, textsafe.Text(st.Incomplete), st.Events)
	}
	return nil
}

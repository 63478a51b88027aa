package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/parallel"
	"github.com/parallax-news/parallax/internal/render"
)

// extractReport is the JSON form of `parallax eval extract`: the scores of
// the text as extracted from the HTML, before cleaning, and of the main
// text that `parallax extract` prints.
type extractReport struct {
	File      string             `json:"file"`
	Extracted eval.ExtractScores `json:"extracted"`
	Cleaned   eval.ExtractScores `json:"cleaned"`
}

// runEvalExtract scores main-text extraction on a benchmark in the format of
// trafilatura's evaluation: a JSON Lines file of cases {"file", "with",
// "without"}, the files relative to --dir (default: the file's directory).
// Each page goes through the same reading and cleaning as `parallax
// extract`; the text before and after cleaning are scored apart. A page that
// cannot be read is reported (exit status 1) and left out; a page in which no
// text is found is reported and scored as an empty text.
func runEvalExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("eval extract")
	dir := fs.String("dir", "", "directory of the pages (default: the directory of FILE.jsonl)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	path, err := evalFile(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" {
		*dir = filepath.Dir(path)
	}
	cases, err := readExtractCases(path)
	if err != nil {
		return err
	}
	c, err := clean.New()
	if err != nil {
		return err
	}
	rep := extractReport{File: path}
	var errs []error
	// Pages are read and cleaned on every core and scored in order.
	err = parallel.Ordered(ctx, len(cases), 0, func(ctx context.Context, _, i int) (*parallax.Article, error) {
		docs, err := ingest.Read(ctx, []string{filepath.Join(*dir, cases[i].File)}, ingest.Options{})
		if len(docs) != 1 {
			return nil, err
		}
		return c.Clean(docs[0]), nil
	}, func(i int, r parallel.Result[*parallax.Article]) error {
		ec := cases[i]
		switch {
		case r.Value != nil:
			rep.Extracted.Add(ec, r.Value.Text)
			rep.Cleaned.Add(ec, mainText(r.Value))
		case parallax.ErrorCode(r.Err) == parallax.EINVALID:
			// Read, but no text found: scored as an empty text.
			rep.Extracted.Add(ec, "")
			rep.Cleaned.Add(ec, "")
			errs = append(errs, r.Err)
		default:
			errs = append(errs, r.Err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	readErr := errors.Join(errs...)
	if rep.Cleaned.Pages == 0 {
		return errNoneRead(path, readErr)
	}
	if *asJSON {
		err = render.JSON(m.Stdout, rep)
	} else {
		line := func(name string, s eval.ExtractScores) string {
			return fmt.Sprintf("%-10s precision %.3f  recall %.3f  F1 %.3f  accuracy %.3f\n", name, s.Precision(), s.Recall(), s.F1(), s.Accuracy())
		}
		_, err = fmt.Fprintf(m.Stdout, "%s: %d pages\n%s%s", path, rep.Cleaned.Pages, line("extracted", rep.Extracted), line("cleaned", rep.Cleaned))
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write report: %w", err))
	}
	return readErr
}

// readExtractCases reads a benchmark's cases. It fails with EINVALID, naming
// the line, for a line that is not a case with a file.
func readExtractCases(path string) ([]eval.ExtractCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, parallax.Errorf(parallax.ENOTFOUND, path, "%w", err)
	}
	defer f.Close()
	var cases []eval.ExtractCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var ec eval.ExtractCase
		if err := json.Unmarshal(sc.Bytes(), &ec); err != nil || ec.File == "" {
			if err == nil {
				err = errors.New(`no "file"`)
			}
			return nil, parallax.Errorf(parallax.EINVALID, fmt.Sprintf("%s:%d", path, n), "not an extraction case: %w", err)
		}
		cases = append(cases, ec)
	}
	if err := sc.Err(); err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, path, "%w", err)
	}
	if len(cases) == 0 {
		return nil, parallax.Errorf(parallax.EINVALID, path, "no extraction cases")
	}
	return cases, nil
}

package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
)

func read(t *testing.T, opts ingest.Options, paths ...string) ([]parallax.Document, error) {
	t.Helper()
	return ingest.Read(context.Background(), paths, opts)
}

func TestText(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/meta.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Title != "Bukele says he will not return deported man" || d.URL != "https://www.reuters.com/world/americas/bukele-2025-04-14/" {
		t.Errorf("metadata not read: %+v", d)
	}
	if want := time.Date(2025, 4, 14, 17, 5, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("published = %v, want %v", d.Published, want)
	}
	var got []string
	for _, m := range d.Metadata {
		got = append(got, m.Text)
		if string([]rune(d.Text)[m.Start:m.End]) != m.Text {
			t.Errorf("metadata offsets %d:%d wrong for %q", m.Start, m.End, m.Text)
		}
	}
	want := []string{"Title: Bukele says he will not return deported man", "URL: https://www.reuters.com/world/americas/bukele-2025-04-14/", "Published: 2025-04-14T17:05:00Z"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("metadata lines (-want +got):\n%s", diff)
	}
}

func TestSeedDateLine(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "../../examples/002_a2dff19a86e212a7.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if !d.Published.Equal(time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published = %v", d.Published)
	}
	if len(d.Metadata) != 1 || d.Metadata[0].Text != "date 2025-04-14" {
		t.Errorf("metadata = %+v", d.Metadata)
	}
}

func TestDirectory(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/dir")
	if err != nil {
		t.Fatal(err)
	}
	var paths, titles []string
	for _, d := range docs {
		paths = append(paths, d.Path)
		titles = append(titles, d.Title)
	}
	if diff := cmp.Diff([]string{"testdata/dir/headline.txt", "testdata/dir/sub/copy.md"}, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if titles[0] != "Bukele rejects return of Abrego Garcia" {
		t.Errorf("headline not taken as title: %q", titles[0])
	}
}

func TestHTML(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Title != "Bukele says he will not return man mistakenly deported by US" {
		t.Errorf("title = %q", d.Title)
	}
	if d.Source != "The Guardian" {
		t.Errorf("source = %q", d.Source)
	}
	if want := time.Date(2025, 4, 14, 19, 2, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("published = %v, want %v (the time of article:published_time)", d.Published, want)
	}
	if !strings.Contains(d.Text, "Mr Bukele said he did not have the power to return Salvadoran Kilmar Abrego Garcia") {
		t.Errorf("main text missing:\n%s", d.Text)
	}
	if !strings.Contains(d.Text, "Mr Trump added.\nThe Trump administration") {
		t.Errorf("paragraphs are not one per line:\n%s", d.Text)
	}
	for _, junk := range []string{"Most viewed", "All rights reserved", "Weather warning"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("extracted text keeps page furniture %q", junk)
		}
	}
}

// TestHTMLInline checks that the words around inline elements and in table
// cells stay apart in the extracted text (go-trafilatura trims the text
// after an inline element), and that punctuation stays glued.
func TestHTMLInline(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/inline.html")
	if err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	for _, want := range []string{
		"earlier in your Dockerfile to ensure faster builds, as the Docker documentation explains.",
		"then run pip install, and only then",
		"Everything at once 95 s 93 s",
		"Dependencies first 97 s 4 s",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestJSONL(t *testing.T) {
	var warnings []error
	docs, err := read(t, ingest.Options{Warn: func(err error) { warnings = append(warnings, err) }}, "testdata/articles.jsonl")
	var ids []string
	byID := map[string]parallax.Document{}
	for _, d := range docs {
		ids = append(ids, d.ID)
		byID[d.ID] = d
	}
	// The record with an unreadable date and the one with a title only are
	// articles.
	if diff := cmp.Diff([]string{"afp-1", "reuters-1", "baddate", "headline-only", "us-date", "html-headline"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if docs[0].Extra["section"] != "americas" || docs[0].Source != "AFP" || docs[0].Lang != "en" {
		t.Errorf("fields not kept: %+v", docs[0])
	}
	if d := byID["baddate"]; !d.Published.IsZero() || d.Text != "Some text." {
		t.Errorf("baddate = %+v, want undated with its text", d)
	}
	if d := byID["headline-only"]; d.Text != d.Title || d.Text != "Bukele says he will not return man mistakenly deported by US" || d.Published.Format(time.RFC3339) != "2025-04-14T19:02:00Z" {
		t.Errorf("headline-only = %+v, want its title as text", d)
	}
	if d := byID["us-date"]; !d.Published.Equal(time.Date(1998, 8, 12, 13, 29, 0, 0, time.UTC)) {
		t.Errorf("us-date published %v, want 12 August 1998 13:29 UTC", d.Published)
	}
	if err == nil {
		t.Fatal("want errors for the broken lines")
	}
	msg := err.Error()
	for _, want := range []string{"testdata/articles.jsonl:3: broken JSON", "testdata/articles.jsonl:5: empty article", "testdata/articles.jsonl:8: empty article: no title and no text"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "last Monday") || strings.Contains(msg, ":6:") {
		t.Errorf("error %q holds the warning", msg)
	}
	if n := len(unjoin(err)); n != 3 {
		t.Errorf("%d errors, want 3: %v", n, err)
	}
	if parallax.ErrorCode(err) != parallax.EINVALID {
		t.Errorf("code = %q", parallax.ErrorCode(err))
	}
	if len(warnings) != 2 || !ingest.IsWarning(warnings[0]) ||
		warnings[0].Error() != `testdata/articles.jsonl:6: published "last Monday" is not a date this reader knows; the article is kept undated` ||
		!strings.HasPrefix(warnings[1].Error(), "testdata/articles.jsonl:10: html field: no article text found in HTML") {
		t.Errorf("warnings = %v, want the date of line 6 and the HTML of line 10", warnings)
	}
	if d := byID["html-headline"]; d.Text != "Trump hosts Bukele at the White House" {
		t.Errorf("html-headline text %q, want its title", d.Text)
	}
	// Without Warn, warnings are dropped and the article still read.
	docs, _ = read(t, ingest.Options{}, "testdata/articles.jsonl")
	if len(docs) != 6 {
		t.Errorf("%d documents without Warn, want 6", len(docs))
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}

// TestParseTime reads the date formats of feeds, archives and records.
func TestParseTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	est := time.FixedZone("EST", -5*3600)
	edt := time.FixedZone("EDT", -4*3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		// US order: month first.
		{"08/12/1998 13:29:00", utc(1998, 8, 12, 13, 29, 0), true},
		{"08/12/1998", utc(1998, 8, 12, 0, 0, 0), true},
		{"8/12/1998 1:29", utc(1998, 8, 12, 1, 29, 0), true},
		{"13/08/1998", utc(1998, 8, 13, 0, 0, 0), true}, // a day first when it cannot be a month
		{"5/5/2010 1:41 PM", utc(2010, 5, 5, 13, 41, 0), true},
		// RFC 1123, 1123Z, 822 and variants.
		{"Mon, 14 Apr 2025 19:02:00 GMT", utc(2025, 4, 14, 19, 2, 0), true},
		{"Mon, 14 Apr 2025 19:02:00 +0000", utc(2025, 4, 14, 19, 2, 0), true},
		{"Wed, 5 May 2010 13:41:00 -0400", time.Date(2010, 5, 5, 13, 41, 0, 0, time.FixedZone("", -4*3600)), true},
		{"Wed, 05 May 2010 13:41:00 EST", time.Date(2010, 5, 5, 13, 41, 0, 0, est), true},
		{"05 May 10 13:41 EDT", time.Date(2010, 5, 5, 13, 41, 0, 0, edt), true},
		{"5 May 10 13:41 -0400", time.Date(2010, 5, 5, 13, 41, 0, 0, edt), true},
		{"Wed, 5 May 2010 13:41 +0200", time.Date(2010, 5, 5, 13, 41, 0, 0, time.FixedZone("", 2*3600)), true},
		// RFC 3339 with and without zone and fraction.
		{"2025-04-14T17:05:00Z", utc(2025, 4, 14, 17, 5, 0), true},
		{"2025-04-14T17:05:00.123Z", time.Date(2025, 4, 14, 17, 5, 0, 123e6, time.UTC), true},
		{"2025-04-14T19:05:00+02:00", time.Date(2025, 4, 14, 19, 5, 0, 0, time.FixedZone("", 2*3600)), true},
		{"2025-04-14T17:05:00", utc(2025, 4, 14, 17, 5, 0), true},
		{"2025-04-14T17:05:00.5", time.Date(2025, 4, 14, 17, 5, 0, 5e8, time.UTC), true},
		{"2025-04-14T17:05", utc(2025, 4, 14, 17, 5, 0), true},
		{"2025-04-14 17:05:07", utc(2025, 4, 14, 17, 5, 7), true},
		{"2025-04-14 17:05", utc(2025, 4, 14, 17, 5, 0), true},
		{"2025-04-14", utc(2025, 4, 14, 0, 0, 0), true},
		{"  2025-04-14\n", utc(2025, 4, 14, 0, 0, 0), true},
		// Written out.
		{"Jan 2, 2006", utc(2006, 1, 2, 0, 0, 0), true},
		{"April 14, 2025", utc(2025, 4, 14, 0, 0, 0), true},
		{"Monday, April 14, 2025", utc(2025, 4, 14, 0, 0, 0), true},
		{"2 January 2006", utc(2006, 1, 2, 0, 0, 0), true},
		{"14 Apr 2025", utc(2025, 4, 14, 0, 0, 0), true},
		// Through dateparse.
		{"2025/04/14", utc(2025, 4, 14, 0, 0, 0), true},
		{"20250414", utc(2025, 4, 14, 0, 0, 0), true},
		{"Mon Apr 14 17:05:00 2025", utc(2025, 4, 14, 17, 5, 0), true},
		// Not dates.
		{"", time.Time{}, false},
		{"last Monday", time.Time{}, false},
		{"Monday evening", time.Time{}, false},
		{"1998", time.Time{}, false},
		{"1744646700", time.Time{}, false},
		{"12", time.Time{}, false},
		{"n/a", time.Time{}, false},
		{"2025-04-14 " + strings.Repeat("1a", 50), time.Time{}, false}, // longer than any time
		{"0000-00-00", time.Time{}, false},
		{"2025-13-45", time.Time{}, false},
		{"Updated 5 / 5 / 2010 1: 41 PM", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ingest.ParseTime(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		_, off := got.Zone()
		_, wantOff := tt.want.Zone()
		if off != wantOff {
			t.Errorf("ParseTime(%q) offset %d, want %d", tt.in, off, wantOff)
		}
	}
}

// TestWarning checks that a warning tells itself apart from a failure.
func TestWarning(t *testing.T) {
	w := &ingest.Warning{Input: "a.jsonl:6", Message: "published \"x\" is not a date"}
	if w.Error() != `a.jsonl:6: published "x" is not a date` || (ingest.Warning{Message: "m"}).Error() != "m" {
		t.Errorf("Error() = %q", w.Error())
	}
	tests := []struct {
		err  error
		want bool
	}{
		{w, true},
		{ingest.Warning{Message: "m"}, true},
		{fmt.Errorf("reading: %w", w), true},
		{errors.Join(errors.New("x"), w), true},
		{parallax.Errorf(parallax.EINVALID, "a.jsonl:5", "empty article"), false},
		{errors.New("published"), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := ingest.IsWarning(tt.err); got != tt.want {
			t.Errorf("IsWarning(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestTextBadDate checks that a "Date:" line whose date is unreadable is
// consumed as metadata with a warning: the metadata after it is read and
// the article kept undated.
func TestTextBadDate(t *testing.T) {
	var warnings []error
	docs, err := read(t, ingest.Options{Warn: func(err error) { warnings = append(warnings, err) }}, "testdata/baddate.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Title != "Bukele says he will not return deported man" || d.Source != "Reuters" || !d.Published.IsZero() {
		t.Errorf("document = %+v", d)
	}
	if len(d.Metadata) != 3 || d.Metadata[1].Text != "Date: Monday afternoon" {
		t.Errorf("metadata = %+v", d.Metadata)
	}
	if len(warnings) != 1 || !ingest.IsWarning(warnings[0]) || !strings.HasPrefix(warnings[0].Error(), `testdata/baddate.txt: date "Monday afternoon"`) {
		t.Errorf("warnings = %v", warnings)
	}
}

func TestJSONArray(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/array.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents", len(docs))
	}
	if !strings.Contains(docs[1].Text, "We are eager to help.") {
		t.Errorf("html field not extracted: %q", docs[1].Text)
	}
}

func TestStdin(t *testing.T) {
	in := `{"id":"x","text":"Mr Bukele said he did not have the power to return him."}` + "\n"
	docs, err := read(t, ingest.Options{Stdin: strings.NewReader(in)}, "-")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "x" {
		t.Errorf("docs = %+v", docs)
	}
	docs, err = read(t, ingest.Options{Stdin: strings.NewReader("Plain words from a pipe.\n")}, "-")
	if err != nil || docs[0].Text != "Plain words from a pipe.\n" || docs[0].ID != "" || docs[0].Path != "stdin" {
		t.Errorf("plain stdin: %+v, %v", docs, err)
	}
	// Named "stdin", standard input is no outlet called "source".
	if name := clean.Outlet(&docs[0]); name != "stdin" {
		t.Errorf("outlet of standard input = %q, want stdin", name)
	}
	_, err = read(t, ingest.Options{Stdin: strings.NewReader("{\"text\":\"A line.\"}\n{\"text\":\n")}, "-")
	if err == nil || !strings.Contains(err.Error(), "stdin:2: broken JSON") {
		t.Errorf("a broken line of standard input: %v, want it named stdin:2", err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, path string
		opts       ingest.Options
		code, msg  string
	}{
		{"not found", "testdata/missing.txt", ingest.Options{}, parallax.ENOTFOUND, "testdata/missing.txt: no such file or directory"},
		{"invalid UTF-8", "testdata/latin1.txt", ingest.Options{}, parallax.EINVALID, "testdata/latin1.txt: invalid UTF-8 at byte 11"},
		{"empty", "testdata/empty.txt", ingest.Options{}, parallax.EINVALID, "testdata/empty.txt: empty article"},
		{"too large", "testdata/meta.txt", ingest.Options{MaxBytes: 10}, parallax.ETOOLARGE, "testdata/meta.txt: larger than the limit of 10 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The good file after the bad one is still read.
			docs, err := read(t, tt.opts, tt.path, "testdata/dir/headline.txt")
			if err == nil {
				t.Fatal("want an error")
			}
			if got := parallax.ErrorCode(err); got != tt.code {
				t.Errorf("code = %q, want %q", got, tt.code)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error = %q, want it to contain %q", err, tt.msg)
			}
			var pe *parallax.Error
			if !errors.As(err, &pe) || pe.Input != tt.path {
				t.Errorf("error does not name the input: %#v", err)
			}
			if tt.code != parallax.ETOOLARGE && len(docs) != 1 {
				t.Errorf("the other input was not read: %d documents", len(docs))
			}
		})
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}` + "\n" + `{"id":`))
	f.Add([]byte(`[{"text":"y","published":"2025-04-14"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := ingest.Read(context.Background(), []string{"-"}, ingest.Options{Stdin: strings.NewReader(string(b))})
		for _, d := range docs {
			if strings.TrimSpace(d.Text) == "" {
				t.Errorf("empty document returned without error")
			}
		}
		if err != nil && parallax.ErrorCode(err) == parallax.EINTERNAL {
			t.Errorf("unclassified error: %v", err)
		}
	})
}

func TestJSONLLineLimit(t *testing.T) {
	docs, err := read(t, ingest.Options{MaxBytes: 200}, "testdata/articles.jsonl")
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if diff := cmp.Diff([]string{"reuters-1", "baddate", "headline-only", "us-date", "html-headline"}, ids); diff != "" {
		t.Errorf("want only the short good lines read (-want +got):\n%s", diff)
	}
	if err == nil || !strings.Contains(err.Error(), "testdata/articles.jsonl:1: line longer than the limit of 200 bytes") {
		t.Errorf("error = %v", err)
	}
}

func TestStreamStops(t *testing.T) {
	n := 0
	stop := errors.New("enough")
	err := ingest.Stream(context.Background(), []string{"testdata/articles.jsonl", "testdata/dir"}, ingest.Options{}, func(parallax.Document) error {
		n++
		return stop
	})
	if n != 1 || !errors.Is(err, stop) {
		t.Errorf("Stream went on after the callback failed: %d documents, error %v", n, err)
	}
}

func BenchmarkStreamJSONL(b *testing.B) {
	var sb strings.Builder
	line := `{"id":"x","title":"Bukele meets Trump","text":"` + strings.Repeat("Mr Bukele said he did not have the power to return Salvadoran Kilmar Abrego Garcia to the United States. ", 30) + `","published":"2025-04-14"}` + "\n"
	for i := 0; i < 1000; i++ {
		sb.WriteString(line)
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		n := 0
		err := ingest.Stream(context.Background(), []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)}, func(parallax.Document) error { n++; return nil })
		if err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}

func TestFeeds(t *testing.T) {
	var warnings []error
	docs, err := read(t, ingest.Options{Warn: func(err error) { warnings = append(warnings, err) }}, "testdata/world.rss", "testdata/americas.atom")
	if err == nil || err.Error() != `testdata/world.rss#3: empty article: feed item with no title and no text` {
		t.Errorf("error = %v, want the item with neither title nor text named, alone", err)
	}
	if len(docs) != 4 {
		t.Fatalf("got %d documents, want 4", len(docs))
	}
	// An item with a title and no text is an article: its title is its text.
	if d := docs[1]; d.Title != "Item without text" || d.Text != "Item without text" || d.URL != "https://www.theguardian.com/world/empty" {
		t.Errorf("title-only item = %+v", d)
	}
	// An item whose date is unreadable is kept undated, with a warning.
	if d := docs[2]; d.Title != "Bukele visit: what we know" || !d.Published.IsZero() || !strings.Contains(d.Text, "White House on Monday") {
		t.Errorf("undated item = %+v", d)
	}
	if len(warnings) != 1 || !ingest.IsWarning(warnings[0]) || !strings.HasPrefix(warnings[0].Error(), `testdata/world.rss#4: date "Monday evening"`) {
		t.Errorf("warnings = %v", warnings)
	}
	docs = []parallax.Document{docs[0], docs[3]}
	rss, atom := docs[0], docs[1]
	if rss.Source != "World news | The Guardian" || rss.URL != "https://www.theguardian.com/world/2025/apr/14/bukele-abrego-garcia" ||
		rss.Published.Format(time.RFC3339) != "2025-04-14T19:02:00Z" || rss.Title != "Bukele says he will not return man mistakenly deported by US" {
		t.Errorf("rss item = %+v", rss)
	}
	if !strings.HasPrefix(rss.Text, "El Salvador’s president Nayib Bukele said on Monday") || !strings.Contains(rss.Text, "White House.\nIn an Oval Office meeting, Mr Trump praised Mr Bukele") {
		t.Errorf("rss text not one paragraph a line:\n%s", rss.Text)
	}
	if atom.Author != "AFP" || atom.Source != "AFP - Americas" || !strings.Contains(atom.Text, "via AFP\nTrump gave a warm welcome in the Oval Office") {
		t.Errorf("atom entry = %+v", atom)
	}
	_, err = read(t, ingest.Options{}, "testdata/broken.rss")
	if err == nil || !strings.Contains(err.Error(), "testdata/broken.rss: malformed feed") {
		t.Errorf("broken feed error = %v", err)
	}
}

func TestWARC(t *testing.T) {
	docs, err := read(t, ingest.Options{}, "testdata/pages.warc.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want the two HTML pages (request, image and redirect skipped)", len(docs))
	}
	g, lm := docs[0], docs[1]
	if g.URL != "https://www.theguardian.com/world/2025/apr/14/bukele-abrego-garcia" || g.ID != "urn:uuid:00000000-0000-0000-0000-000000000003" || g.Path != "testdata/pages.warc.gz#3" {
		t.Errorf("guardian page = %+v", g)
	}
	if !strings.Contains(g.Text, "Mr Bukele said he did not have the power to return Salvadoran Kilmar Abrego Garcia") {
		t.Errorf("guardian text:\n%s", g.Text)
	}
	if !strings.Contains(lm.Text, "Le président du Salvador, Nayib Bukele, a déclaré lundi") {
		t.Errorf("ISO-8859-1 page not converted to UTF-8:\n%q", lm.Text)
	}
	_, err = read(t, ingest.Options{}, "testdata/broken.warc")
	if err == nil || !strings.Contains(err.Error(), "testdata/broken.warc#6: broken WARC record") {
		t.Errorf("broken WARC error = %v", err)
	}
}

// TestHTTP fetches pages and a feed from a real HTTP server on loopback.
func TestHTTP(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := os.ReadFile("testdata/world.rss")
	if err != nil {
		t.Fatal(err)
	}
	var agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		switch r.URL.Path {
		case "/world/bukele":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/latin":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			w.Write([]byte("<html><body><article><p>Le pr\xe9sident du Salvador, Nayib Bukele, a d\xe9clar\xe9 lundi qu'il ne renverrait pas l'homme expuls\xe9 par erreur vers les \xc9tats-Unis.</p></article></body></html>"))
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feed)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	// By default a loopback address is refused, naming the address and
	// the flag that allows it.
	if _, err := read(t, ingest.Options{}, srv.URL+"/feed"); parallax.ErrorCode(err) != parallax.EINVALID ||
		!strings.Contains(err.Error(), "refused 127.0.0.1") || !strings.Contains(err.Error(), "--allow-private") {
		t.Errorf("a loopback address by default: %v", err)
	}
	local := ingest.Options{AllowPrivate: true}
	docs, err := read(t, local, srv.URL+"/world/bukele", srv.URL+"/latin", srv.URL+"/feed", srv.URL+"/gone")
	if err == nil || !strings.Contains(err.Error(), srv.URL+"/gone: server answered 404 Not Found") {
		t.Errorf("error = %v, want the missing page named", err)
	}
	if _, err := read(t, local, srv.URL+"/gone"); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("code of a missing page = %q", parallax.ErrorCode(err))
	}
	if len(docs) != 5 {
		t.Fatalf("got %d documents, want page, page and three feed items", len(docs))
	}
	if docs[0].Title != "Bukele says he will not return man mistakenly deported by US" || !strings.Contains(docs[0].Text, "Mr Trump added.") {
		t.Errorf("page = %+v", docs[0])
	}
	if docs[1].URL != srv.URL+"/latin" || !strings.Contains(docs[1].Text, "Le président du Salvador") {
		t.Errorf("latin page = %+v", docs[1])
	}
	if docs[2].Source != "World news | The Guardian" {
		t.Errorf("feed item = %+v", docs[2])
	}
	if len(agents) == 0 || agents[0] != fetch.UserAgent {
		t.Errorf("user agents = %v", agents)
	}
}

func TestEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/notes.csv", []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := read(t, ingest.Options{}, dir)
	if err == nil || !strings.Contains(err.Error(), dir+": no article in the directory") {
		t.Errorf("error = %v", err)
	}
}

// TestExportLines: the lines `parallax export` writes are read back: the
// article's own fields (a numeric id, author, path, metadata spans) and
// nothing kept of what the store works out anew; a story line is skipped.
func TestExportLines(t *testing.T) {
	in := `{"kind":"article","key":"text:abc","id":7,"title":"Vote","text":"Date: 2025-04-14\nThe council voted.","author":"A. Writer","path":"notes/vote.txt","metadata":[{"start":0,"end":16,"text":"Date: 2025-04-14","reason":"metadata"}],"story":3,"version":2,"desk":"city"}
{"kind":"story","id":3,"title":"Vote","articles":["text:abc"]}
{"kind":"article","text":"No id, no title."}
`
	docs, err := read(t, ingest.Options{Stdin: strings.NewReader(in)}, "-")
	if err != nil || len(docs) != 2 {
		t.Fatalf("read %d docs: %v", len(docs), err)
	}
	d := docs[0]
	if d.ID != "7" || d.Author != "A. Writer" || d.Path != "notes/vote.txt" || len(d.Metadata) != 1 || d.Metadata[0].End != 16 {
		t.Errorf("article line read as %+v", d)
	}
	if len(d.Extra) != 1 || d.Extra["desk"] != "city" {
		t.Errorf("extra = %v, want only the unknown field desk", d.Extra)
	}
	if docs[1].ID != "" || docs[1].Path != "stdin:3" {
		t.Errorf("no id: ID %q path %q", docs[1].ID, docs[1].Path)
	}
	bad := `{"text":"Short.","metadata":[{"start":0,"end":99}]}` + "\n"
	if _, err := read(t, ingest.Options{Stdin: strings.NewReader(bad)}, "-"); parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "outside the text") {
		t.Errorf("metadata outside the text: %v", err)
	}
}

// TestWARCLongLine: a gzip member that inflates to megabytes without a
// newline is a broken record, found within one buffer, not a line read
// into memory whole.
func TestWARCLongLine(t *testing.T) {
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	gz.Write([]byte("WARC/1.0\r\nWARC-Type: response\r\nX-Junk: "))
	junk := bytes.Repeat([]byte("A"), 1<<20)
	for range 20 {
		gz.Write(junk)
	}
	gz.Close()
	path := filepath.Join(t.TempDir(), "bomb.warc.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := read(t, ingest.Options{}, path)
	if parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "bomb.warc.gz#1: broken WARC record: a header line longer than 65536 bytes") {
		t.Errorf("error = %v", err)
	}
}

// TestLargeHTML: a page over MaxExtractBytes is read in one pass: every
// paragraph of its article a line, navigation and code left out, the
// metadata of its head; a page nested deeper than the HTML parser's limit
// is refused, the limit named.
func TestLargeHTML(t *testing.T) {
	para := "Mr Bukele said he did not have the power to return Kilmar Abrego Garcia to the United States, report %d."
	var b strings.Builder
	b.WriteString(`<html><head><title>Bukele will not return deported man</title><link rel="canonical" href="https://example.org/bukele">` +
		`<meta property="article:published_time" content="2025-04-14T18:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Bukele will not return deported man</h1>`)
	n := 0
	for b.Len() < ingest.MaxExtractBytes+100_000 {
		n++
		fmt.Fprintf(&b, "<p>"+para+"</p><script>var x = %d;</script>\n", n, n)
	}
	b.WriteString(`</article><footer>Copyright Example</footer></body></html>`)
	path := filepath.Join(t.TempDir(), "large.html")
	os.WriteFile(path, []byte(b.String()), 0o644)
	docs, err := read(t, ingest.Options{}, path)
	if err != nil || len(docs) != 1 {
		t.Fatalf("read %d docs: %v", len(docs), err)
	}
	d := docs[0]
	lines := strings.Split(d.Text, "\n")
	if d.Title != "Bukele will not return deported man" || d.URL != "https://example.org/bukele" || d.Published.Year() != 2025 {
		t.Errorf("metadata: %q %q %v", d.Title, d.URL, d.Published)
	}
	if len(lines) != n+1 || lines[1] != fmt.Sprintf(para, 1) || lines[n] != fmt.Sprintf(para, n) {
		t.Errorf("%d lines, want the heading and %d paragraphs; first %q", len(lines), n, lines[1])
	}
	if strings.Contains(d.Text, "var x") || strings.Contains(d.Text, "Home") || strings.Contains(d.Text, "Copyright") {
		t.Errorf("code or furniture kept")
	}
	deep := "<html><body><article><p>Kept words at the top.</p>" + strings.Repeat("<div>", 5000) + "lost" + strings.Repeat("</div>", 5000) +
		strings.Repeat(" ", ingest.MaxExtractBytes) + "</article></body></html>"
	os.WriteFile(path, []byte(deep), 0o644)
	if _, err = read(t, ingest.Options{}, path); parallax.ErrorCode(err) != parallax.ETOOLARGE || !strings.Contains(err.Error(), "large.html: HTML nested deeper than the limit of 512 elements") {
		t.Errorf("a page nested 5,000 deep: %v, want the limit named", err)
	}
}

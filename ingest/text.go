package ingest

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// Metadata lines at the head of a text file: "Title: …", "URL: …",
// "Source: …", "Date: …", "Published: …", "Author: …" in any case.
var metaLine = regexp.MustCompile(`(?i)^[ \t]*(title|url|source|date|published|author|by|lang|language)[ \t]*:[ \t]*(.*?)[ \t]*\r?$`)

// A "date YYYY-MM-DD" stamp as scrapers leave it, possibly followed on the
// same line by the first words of the article.
var dateStamp = regexp.MustCompile(`(?i)^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*`)

// parseText reads a plain-text or Markdown article. Leading metadata lines
// are consumed (recorded in Document.Metadata, kept in Text); otherwise the
// first line is the title when it reads like a headline.
func parseText(path string, b []byte) (parallax.Document, error) {
	if err := checkText(path, b); err != nil {
		return parallax.Document{}, err
	}
	s := string(b)
	d := parallax.Document{ID: fileID(path), Path: path, Text: s}
	pos := 0 // code points consumed so far
	rest := s
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		n := utf8.RuneCountInString(line)
		if strings.TrimSpace(line) == "" {
			pos += n + 1
			rest = after
			continue
		}
		if m := dateStamp.FindStringSubmatch(line); m != nil && !metaLine.MatchString(line) {
			if t, err := time.Parse("2006-01-02", m[1]); err == nil {
				d.Published = t
				k := utf8.RuneCountInString(m[0])
				d.Metadata = append(d.Metadata, removal(line, pos, pos+k))
				if strings.TrimSpace(line[len(m[0]):]) != "" {
					break // the article starts on the same line
				}
				pos += n + 1
				rest = after
				continue
			}
		}
		m := metaLine.FindStringSubmatch(line)
		if m == nil || !applyMeta(&d, strings.ToLower(m[1]), m[2]) {
			break
		}
		d.Metadata = append(d.Metadata, removal(line, pos, pos+n))
		pos += n + 1
		rest = after
	}
	if d.Title == "" {
		first, _, _ := strings.Cut(strings.TrimLeft(rest, " \t\r\n"), "\n")
		first = strings.TrimSpace(strings.TrimLeft(first, "#"))
		if isHeadline(first) {
			d.Title = first
		}
	}
	if strings.TrimSpace(rest) == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, path, "empty article: only metadata lines")
	}
	return d, nil
}

func removal(text string, start, end int) parallax.Removal {
	r := []rune(text)
	return parallax.Removal{Span: parallax.Span{Start: start, End: end}, Text: strings.TrimSpace(string(r[:end-start])), Reason: parallax.ReasonMetadata}
}

// applyMeta stores a metadata value; it reports false when the value is not
// metadata after all (a "Source:" line that is prose).
func applyMeta(d *parallax.Document, key, val string) bool {
	if val == "" {
		return false
	}
	switch key {
	case "title":
		d.Title = val
	case "url":
		if !strings.Contains(val, "://") && !strings.HasPrefix(val, "www.") {
			return false
		}
		d.URL = val
	case "source":
		d.Source = val
	case "author", "by":
		d.Author = val
	case "lang", "language":
		d.Lang = val
	case "date", "published":
		t, ok := ParseTime(val)
		if !ok {
			return false
		}
		d.Published = t
	}
	return true
}

// isHeadline reports whether a line reads like a headline: a few words, no
// closing period, not a bullet, mostly capitalised or at least starting so.
func isHeadline(line string) bool {
	words := strings.Fields(line)
	if len(words) < 3 || len(words) > 25 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if last == '.' || last == ',' || last == ';' || last == ':' {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || first == '\'' || first == '‘' || first == '"' || first == '“'
}

// ParseTime parses a publication time in RFC 3339, YYYY-MM-DD or one of the
// common feed and HTTP formats. It reports false when none applies.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
		time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "2 January 2006", "January 2, 2006",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

package ingest

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/araddon/dateparse"

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
// first line is the title when it reads like a headline. A "Date:" line
// whose date is unreadable is consumed all the same, with a warning to warn
// (which may be nil): the article is undated.
func parseText(path string, b []byte, warn func(error)) (parallax.Document, error) {
	if err := checkText(path, b); err != nil {
		return parallax.Document{}, err
	}
	s := string(b)
	d := parallax.Document{Path: path, Text: s}
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
		if m == nil || !applyMeta(&d, strings.ToLower(m[1]), m[2], warn) {
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
// metadata after all (a "Source:" line that is prose). An unreadable date is
// left out with a warning to warn.
func applyMeta(d *parallax.Document, key, val string, warn func(error)) bool {
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
			warnf(warn, d.Path, "%s %q is not a date this reader knows; the article is kept undated", key, val)
			return true
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

// ParseTime parses a publication time written in one of the common
// formats of feeds, archives and article records, and reports false when
// none applies (relative dates such as "last Monday", a bare year, a bare
// number). It reads, in this order:
//
//   - RFC 3339, with or without a zone, with or without fractional seconds
//     ("2025-04-14T17:05:00Z", "2025-04-14T17:05:00.123+02:00",
//     "2025-04-14T17:05:00"), and "2025-04-14T17:05";
//   - "2025-04-14 17:05:07", "2025-04-14 17:05", "2025-04-14";
//   - RFC 1123, RFC 1123Z and RFC 822 and their variants (one-digit day, no
//     seconds, named or numeric zone): "Mon, 14 Apr 2025 19:02:00 GMT",
//     "Mon, 14 Apr 2025 19:02:00 -0400", "14 Apr 25 19:02 EDT";
//   - "04/14/2025 17:05:00" and "04/14/2025": month first, the US order of
//     American newswires and archives, so "08/12/1998 13:29:00" is 12 August
//     1998; a first number above 12 can only be a day ("13/08/1998" is 13
//     August);
//   - "Apr 14, 2025", "April 14, 2025", "Monday, April 14, 2025", "14 April
//     2025", "14 Apr 2025";
//   - else whatever github.com/araddon/dateparse reads in UTC (it too takes
//     an ambiguous dd/mm/yyyy or mm/dd/yyyy as month first).
//
// A string longer than maxTimeLength is no time (nor read any further).
// A time without a zone is taken as UTC. The zone abbreviations of RFC 822
// and a few common others (EST, EDT, CST, CDT, MST, MDT, PST, PDT, BST,
// CET, CEST) get their offsets whatever the local zone; other unknown
// abbreviations keep a zero offset (time.ParseInLocation in UTC).
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxTimeLength {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		// In UTC, not the local zone: a zone abbreviation means the same
		// wherever this runs (zoned gives the known ones their offsets).
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return zoned(t), true
		}
	}
	if !dateLike(s) {
		return time.Time{}, false
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil || t.Year() < 1000 || t.Year() > 9999 {
		return time.Time{}, false
	}
	return zoned(t), true
}

// maxTimeLength is the longest time ParseTime reads, in bytes: the longest
// of its formats with a long weekday and month name, a zone and fractional
// seconds is under 60.
const maxTimeLength = 100

// timeLayouts are the layouts ParseTime tries first, most common first.
var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	time.RFC822Z, time.RFC822, "2 Jan 06 15:04 -0700", "2 Jan 06 15:04 MST", "Mon, 2 Jan 06 15:04:05 -0700", "Mon, 2 Jan 06 15:04:05 MST",
	"01/02/2006 15:04:05", "01/02/2006 15:04", "01/02/2006", "1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006",
	"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006", "2/1/2006 15:04:05", "2/1/2006 15:04", "2/1/2006", // day first only when month first fails
	"Jan 2, 2006", "January 2, 2006", "Monday, January 2, 2006", "Mon, Jan 2, 2006", "2 January 2006", "2 Jan 2006",
}

// zoneOffsets are the offsets of zone abbreviations that time.Parse knows
// only when the local zone uses them: RFC 822's American zones and the
// commonest European ones.
var zoneOffsets = map[string]int{
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"BST": 1, "CET": 1, "CEST": 2,
}

// zoned gives a time parsed with a zone abbreviation that time.Parse did
// not know (a zero offset) the abbreviation's offset.
func zoned(t time.Time) time.Time {
	name, off := t.Zone()
	h, ok := zoneOffsets[name]
	if !ok || off != 0 {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, h*3600))
}

// dateLike reports whether s may be a date for dateparse: it holds a digit
// and is not a bare number (a year alone, a count, a Unix time), except a
// YYYYMMDD stamp.
func dateLike(s string) bool {
	digits, other := 0, 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			digits++
		} else {
			other++
		}
	}
	return digits > 0 && (other > 0 || len(s) == 8)
}

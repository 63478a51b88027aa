package cluster

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// Feature key prefixes. A plain key is the stem of a content word.
const (
	namePrefix   = "n:" // a capitalised name, one word or several
	numberPrefix = "#:" // a number of two digits or more, or a decimal, alone or with its unit ("#:23 pirat")
)

// feature is one weighted feature of an article before IDF weighting.
type feature struct {
	key  string
	hash uint64  // hash64(key): the vocabulary is keyed by it
	tf   float32 // sublinear, zone- and kind-weighted term frequency
}

// slot is a fact about the event that takes one value per event: the year,
// the date, the weekday, or a count of something ("23 pirates": unit
// "pirat", value "23"). Two reports of one event mostly agree on the slots
// they both fill; two events of the same kind mostly disagree. When the
// title or lead names a year, the years of the body are left out: the
// article's years are those of the event (unitEventYear).
type slot struct {
	unit, value string
}

// Slot units that are not the stem of a counted word; the parentheses keep
// them apart from stems ("43 years" has the unit "year").
const (
	unitYear = "(year)"
	// unitEventYear is a year of the title or lead, the year of the event:
	// it is scored as a unitYear slot, its conflicts weighed by
	// Options.YearWeight.
	unitEventYear = "(event year)"
	unitDate      = "(date)"
	unitWeekday   = "(weekday)"
)

// word is what the extractor caches about a lower-case word.
type word struct {
	lower, stem string
	name        string // namePrefix + lower
	stop        bool
	month       time.Month // month named by the word, 0 for none
	weekday     bool       // the word names a day of the week
}

// extractor turns text into features and slots. It caches stems and is not
// safe for concurrent use: each worker has its own.
type extractor struct {
	opts      *Options
	cache     map[uint64]int32 // hash of the lower-case word → index in words
	fast      []fastEntry      // direct-mapped cache in front of cache, for common words
	words     []word
	buf       []byte
	acc       map[string]int32 // feature key → index in keys and counts
	keys      []string
	count     []float64
	slots     map[slot]struct{}
	leadYears map[string]bool // the years of the title and lead
	name      []word
	join      []byte
}

// fastEntry is a slot of the direct-mapped word cache: index is the
// position in words plus one, 0 for an empty slot.
type fastEntry struct {
	hash  uint64
	index int32
}

const fastSize = 1 << 14

// maxCache bounds the stem cache; it is emptied when it grows past it.
const maxCache = 1 << 20

func newExtractor(opts *Options) *extractor {
	return &extractor{opts: opts, cache: map[uint64]int32{}, fast: make([]fastEntry, fastSize), acc: map[string]int32{}, slots: map[slot]struct{}{}, leadYears: map[string]bool{}}
}

// Zones of an article, weighted by Options.TitleWeight, LeadWeight and 1.
const (
	zoneBody = iota
	zoneLead
	zoneTitle
)

// leadWords is the least number of words of the lead: it ends with the
// first sentence that ends after them.
const leadWords = 15

// extract returns the article's features in the order they first occur and
// its slots sorted.
func (e *extractor) extract(title, body string) ([]feature, []slot) {
	clear(e.acc)
	clear(e.slots)
	clear(e.leadYears)
	e.keys, e.count = e.keys[:0], e.count[:0]
	e.scan(title, zoneTitle, isTitleCase(title))
	e.scan(body, zoneLead, false)
	feats := make([]feature, 0, len(e.keys))
	for i, k := range e.keys {
		c := e.count[i]
		tf := 1 + math.Log(c)
		if c < 1 {
			tf = c
		}
		switch {
		case strings.HasPrefix(k, namePrefix):
			tf *= e.opts.NameWeight
		case strings.HasPrefix(k, numberPrefix):
			tf *= e.opts.NumberWeight
		}
		feats = append(feats, feature{key: k, hash: hash64(k), tf: float32(tf)})
	}
	if len(e.leadYears) > 0 {
		// A year of the title or lead is the year of the event; the years
		// of the body are then its background.
		for s := range e.slots {
			if s.unit == unitYear {
				delete(e.slots, s)
				if e.leadYears[s.value] {
					e.slots[slot{unitEventYear, s.value}] = struct{}{}
				}
			}
		}
	}
	slots := make([]slot, 0, len(e.slots))
	for s := range e.slots {
		slots = append(slots, s)
	}
	slices.SortFunc(slots, func(a, b slot) int {
		if d := strings.Compare(a.unit, b.unit); d != 0 {
			return d
		}
		return strings.Compare(a.value, b.value)
	})
	return feats, slots
}

// add counts feature k with weight w.
func (e *extractor) add(k string, w float64) {
	if i, ok := e.acc[k]; ok {
		e.count[i] += w
		return
	}
	e.acc[k] = int32(len(e.keys))
	e.keys = append(e.keys, k)
	e.count = append(e.count, w)
}

// scan adds the features and slots of s to the extractor's accumulators.
// Zone zoneLead means the body: its lead counts as lead, the rest as body.
// With noNames, capitalised words are not taken as names (a headline in
// Title Case).
//
// It is one function of over 100 lines for a reason: it is the innermost
// loop of clustering (every byte of every article, 100,000 articles in
// half a minute), one pass whose state (the number waiting for its unit,
// the month waiting for its day, the run of capitalised words) moves from
// token to token; split into methods, that state would live in the
// extractor and every token pay for it.
func (e *extractor) scan(s string, zone int, noNames bool) {
	w := 1.0
	switch zone {
	case zoneLead:
		w = e.opts.LeadWeight
	case zoneTitle:
		w = e.opts.TitleWeight
	}
	nwords := 0
	sentStart := true
	e.name = e.name[:0]
	nameStart := false // the name run began a sentence
	flushName := func() {
		switch {
		case len(e.name) >= 2:
			e.join = append(e.join[:0], namePrefix...)
			for i, n := range e.name {
				e.add(n.name, w)
				if i > 0 {
					e.join = append(e.join, ' ')
				}
				e.join = append(e.join, n.lower...)
			}
			e.add(string(e.join), w)
		case len(e.name) == 1 && !nameStart:
			e.add(e.name[0].name, w)
		}
		e.name = e.name[:0]
	}
	var (
		num    string     // the number just read, waiting for its unit
		month  time.Month // the month just named, waiting for its day
		dayNum string     // a day number just read, for "14 December"
	)
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			if r != ' ' && r != '-' && r != '.' && r != ',' {
				num, month, dayNum = "", 0, ""
			}
			switch {
			case r == '.' || r == '!' || r == '?' || r == '\n':
				sentStart = true
				flushName()
				if r != '.' {
					num, month, dayNum = "", 0, ""
				}
				if zone == zoneLead && nwords >= leadWords {
					zone, w = zoneBody, 1
				}
			case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '"' || r == '“' || r == '”':
				flushName()
			}
			i += size
			continue
		}
		start := i
		end, isNum := wordEnd(s, i)
		i = end
		tok := s[start:end]
		nwords++
		if isNum {
			flushName()
			n := normNumber(tok)
			if len(n) >= 2 || strings.Contains(n, ".") {
				e.add(numberPrefix+n, w)
			}
			if _, ok := year(n); ok {
				e.slots[slot{unitYear, n}] = struct{}{}
				if zone != zoneBody {
					e.leadYears[n] = true
				}
			} else if d, ok := number(n, 1, 31); ok && month != 0 && len(n) <= 2 {
				e.slots[slot{unitDate, dateValue(month, d)}] = struct{}{}
			}
			num, month, dayNum = n, 0, ""
			if len(n) <= 2 {
				dayNum = n
			}
			sentStart = false
			continue
		}
		first, _ := utf8.DecodeRuneInString(tok)
		capital := unicode.IsUpper(first)
		info := e.word(tok)
		stop := info.stop && !(capital && text.IsAcronym(tok))
		calendar := capital && (info.month != 0 || info.weekday)
		switch {
		case calendar && info.weekday:
			e.slots[slot{unitWeekday, info.lower}] = struct{}{}
		case calendar:
			if d, ok := number(dayNum, 1, 31); ok {
				e.slots[slot{unitDate, dateValue(info.month, d)}] = struct{}{}
			}
		}
		if !stop && len(info.stem) >= 2 {
			e.add(info.stem, w)
			if num != "" && !calendar {
				if _, isYear := year(num); !isYear {
					e.add(numberPrefix+num+" "+info.stem, w)
					e.slots[slot{info.stem, num}] = struct{}{}
				}
			}
		}
		num, dayNum, month = "", "", 0
		if calendar && !info.weekday {
			month = info.month
		}
		if capital && !stop && !calendar && !noNames && utf8.RuneCountInString(tok) >= 2 {
			if len(e.name) == 0 {
				nameStart = sentStart
			}
			e.name = append(e.name, info)
		} else {
			flushName()
		}
		sentStart = false
	}
	flushName()
}

// word returns what is known of a word, from the cache or computed.
func (e *extractor) word(tok string) word {
	lower := e.lower(tok)
	h := hash64(string(lower))
	f := &e.fast[h&(fastSize-1)]
	if f.hash == h && f.index > 0 {
		return e.words[f.index-1]
	}
	if i, ok := e.cache[h]; ok {
		*f = fastEntry{h, i + 1}
		return e.words[i]
	}
	key := string(lower)
	info := word{lower: key, name: namePrefix + key, stem: text.Stem(key), stop: text.IsStop(key)}
	info.month, _ = text.Month(strings.TrimSuffix(key, "."))
	_, info.weekday = text.Weekday(key)
	if len(e.words) >= maxCache {
		clear(e.cache)
		clear(e.fast)
		e.words = e.words[:0]
	}
	e.cache[h] = int32(len(e.words))
	e.words = append(e.words, info)
	return info
}

func dateValue(m time.Month, d int) string {
	return time.Date(2000, m, d, 0, 0, 0, 0, time.UTC).Format("01-02")
}

// lower returns the lower-case form of tok in the extractor's buffer, with
// curly apostrophes straightened, periods dropped ("U.S." → "us") and a
// possessive "'s" dropped.
func (e *extractor) lower(tok string) []byte {
	e.buf = e.buf[:0]
	for _, r := range tok {
		switch r {
		case '’', '‘':
			r = '\''
		case '.':
			continue
		}
		e.buf = utf8.AppendRune(e.buf, unicode.ToLower(r))
	}
	if n := len(e.buf); n > 2 && e.buf[n-2] == '\'' && e.buf[n-1] == 's' {
		e.buf = e.buf[:n-2]
	}
	return e.buf
}

// wordEnd returns the end of the word starting at i: letters and digits,
// joined by inner apostrophes, by commas and periods between digits, and by
// the periods of initialisms ("U.S."). Hyphens separate words, so that
// "32-year-old" and "32 - year - old" read alike. isNum is true when the
// word is made of digits and separators.
func wordEnd(s string, i int) (end int, isNum bool) {
	isNum = true
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			if !unicode.IsDigit(r) {
				isNum = false
			}
			j += size
			continue
		}
		if j+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			switch {
			case (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next):
				j += size
				continue
			case r == '.' && unicode.IsUpper(prev) && unicode.IsUpper(next) && (j-i == 1 || s[j-2] == '.'):
				j += size
				continue
			case (r == '\'' || r == '’') && isWordRune(next):
				isNum = false
				j += size
				continue
			}
		}
		break
	}
	return j, isNum
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// normNumber drops thousands separators: "238,000" → "238000".
func normNumber(tok string) string {
	if !strings.Contains(tok, ",") {
		return tok
	}
	return strings.ReplaceAll(tok, ",", "")
}

// isTitleCase reports whether most words of a headline are capitalised, so
// that capitals there do not mark names.
func isTitleCase(title string) bool {
	words, caps := 0, 0
	for f := range strings.FieldsSeq(title) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) || text.IsStop(strings.ToLower(f)) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// Package streamgen builds large, realistic article streams from a small
// labelled corpus, for the speed, memory and quality benchmarks of package
// cluster.
//
// Each synthetic event is a variant of one source event (all the articles of
// one gold label): its names are partly replaced by invented ones and its
// numbers perturbed, consistently across the event, so that thousands of
// events of the same kind share their vocabulary but not their facts. Its
// articles recombine the source event's sentences: a lead, then body
// sentences drawn at random up to the target size. Events start at random
// over a time span; their articles are published over the following days. A
// share of articles are wire copies of an earlier article of their event,
// trimmed or re-headlined. Every article carries its synthetic event as
// Label.
//
// Generation is deterministic for the same source and options.
package streamgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// Options configures a stream.
type Options struct {
	// Articles is the number of articles to make.
	Articles int
	// MeanArticles is the mean number of articles per event; the number is
	// drawn from 1 plus an exponential distribution (a long tail of big
	// stories, many small ones).
	MeanArticles float64
	// Bytes is the target size of an article's text.
	Bytes int
	// Start and Span bound the start times of events.
	Start time.Time
	Span  time.Duration
	// Spread is the mean delay of an article after its event's start
	// (exponential, capped at five times Spread).
	Spread time.Duration
	// Rename is the share of an event's names replaced by invented ones.
	Rename float64
	// CopyRate is the share of articles that are wire copies.
	CopyRate float64
	// Seed seeds the generator.
	Seed uint64
}

// DefaultOptions returns options for a stream of n articles of about 3 KB,
// ten per event on average, over two years.
func DefaultOptions(n int) Options {
	return Options{
		Articles:     n,
		MeanArticles: 10,
		Bytes:        3000,
		Start:        time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Span:         2 * 365 * 24 * time.Hour,
		Spread:       24 * time.Hour,
		Rename:       0.7,
		CopyRate:     0.05,
		Seed:         1,
	}
}

// source is one source event: its leads, body sentences and titles.
type source struct {
	leads, body, titles []string
}

// Generate makes a stream from labelled source documents, sorted by
// publication time. It fails with EINVALID when no source document has a
// label and text, or when the options are out of range, and with EINTERNAL
// when the sentence splitter cannot be loaded.
func Generate(docs []parallax.Document, opts Options) ([]parallax.Document, error) {
	if opts.Articles < 1 || opts.MeanArticles < 1 || opts.Bytes < 1 || opts.Span <= 0 || opts.Spread <= 0 ||
		opts.Rename < 0 || opts.Rename > 1 || opts.CopyRate < 0 || opts.CopyRate >= 1 {
		return nil, parallax.Errorf(parallax.EINVALID, "streamgen", "options out of range: %+v", opts)
	}
	sources, err := sourcesOf(docs)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x57ea4))
	out := make([]parallax.Document, 0, opts.Articles)
	for ev := 0; len(out) < opts.Articles; ev++ {
		src := sources[rng.IntN(len(sources))]
		p := perturber{event: uint64(ev), seed: opts.Seed, rename: opts.Rename}
		n := 1 + int(rng.ExpFloat64()*(opts.MeanArticles-1))
		n = min(n, opts.Articles-len(out))
		start := opts.Start.Add(time.Duration(rng.Int64N(int64(opts.Span))))
		label := fmt.Sprintf("e%d", ev)
		first := len(out)
		for j := range n {
			delay := time.Duration(math.Min(rng.ExpFloat64(), 5) * float64(opts.Spread))
			d := parallax.Document{
				ID:        fmt.Sprintf("%s-%d", label, j),
				Label:     label,
				Source:    fmt.Sprintf("outlet%d", rng.IntN(200)),
				Published: start.Add(delay).Truncate(time.Minute),
			}
			if j > 0 && rng.Float64() < opts.CopyRate {
				d.Title, d.Text = wireCopy(rng, out[first+rng.IntN(j)], src, p)
			} else {
				d.Title, d.Text = article(rng, src, p, opts.Bytes)
			}
			d.Path = d.ID
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b parallax.Document) int { return a.Published.Compare(b.Published) })
	return out, nil
}

// sourcesOf groups the documents' sentences by label.
func sourcesOf(docs []parallax.Document) ([]source, error) {
	sp, err := text.NewSplitter()
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, "streamgen", "load sentence splitter: %w", err)
	}
	byLabel := map[string]*source{}
	var labels []string
	for _, d := range docs {
		if d.Label == "" || strings.TrimSpace(d.Text) == "" {
			continue
		}
		s := byLabel[d.Label]
		if s == nil {
			s = &source{}
			byLabel[d.Label] = s
			labels = append(labels, d.Label)
		}
		runes := []rune(d.Text)
		lead := true
		for _, span := range sp.Split(d.Text) {
			sent := string(runes[span.Start:span.End])
			if len(strings.Fields(sent)) < 6 { // datelines, fragments
				continue
			}
			if lead {
				s.leads = append(s.leads, sent)
				lead = false
				continue
			}
			s.body = append(s.body, sent)
		}
		if t := strings.TrimSpace(d.Title); len(strings.Fields(t)) >= 4 {
			s.titles = append(s.titles, t)
		}
	}
	var out []source
	slices.Sort(labels)
	for _, l := range labels {
		s := byLabel[l]
		if len(s.leads) == 0 {
			continue
		}
		s.body = append(s.body, s.leads...) // a lead can be body elsewhere
		s.body = slices.Compact(slices.Sorted(slices.Values(s.body)))
		out = append(out, *s)
	}
	if len(out) == 0 {
		return nil, parallax.Errorf(parallax.EINVALID, "streamgen", "no labelled source document with text")
	}
	return out, nil
}

// article makes a title and a text for an event.
func article(rng *rand.Rand, src source, p perturber, size int) (title, body string) {
	lead := src.leads[rng.IntN(len(src.leads))]
	var b strings.Builder
	b.WriteString(p.apply(lead))
	perm := rng.Perm(len(src.body))
	target := size*4/5 + rng.IntN(size*2/5+1)
	for _, i := range perm {
		if b.Len() >= target {
			break
		}
		if src.body[i] == lead {
			continue
		}
		b.WriteString("\n")
		b.WriteString(p.apply(src.body[i]))
	}
	if len(src.titles) > 0 && rng.IntN(3) > 0 {
		title = p.apply(src.titles[rng.IntN(len(src.titles))])
	} else {
		words := strings.Fields(p.apply(lead))
		title = strings.Join(words[:min(len(words), 10)], " ")
	}
	return title, b.String()
}

// wireCopy makes a copy of an earlier article: trimmed of its last lines,
// re-headlined, or both.
func wireCopy(rng *rand.Rand, orig parallax.Document, src source, p perturber) (title, body string) {
	lines := strings.Split(orig.Text, "\n")
	title, body = orig.Title, orig.Text
	switch rng.IntN(3) {
	case 0: // trimmed
		keep := max(1, len(lines)-1-rng.IntN(3))
		body = strings.Join(lines[:keep], "\n")
	case 1: // re-headlined
		if len(src.titles) > 0 {
			title = p.apply(src.titles[rng.IntN(len(src.titles))])
		} else {
			title = "UPDATE: " + title
		}
	default: // both, and an agency line added
		keep := max(1, len(lines)-1-rng.IntN(2))
		body = strings.Join(lines[:keep], "\n") + "\n(Reporting by staff; editing by the desk)"
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	return title, body
}

// perturber rewrites the names and numbers of a source event's sentences
// for one synthetic event, consistently.
type perturber struct {
	event, seed uint64
	rename      float64
}

// apply rewrites s: each capitalised word of three letters or more that is
// not a function word, month or weekday is replaced by an invented name with
// probability rename (decided per word and event), each number by a number
// near it (years shifted by a few years).
func (p perturber) apply(s string) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteRune(r)
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		b.WriteString(p.word(s[i:j]))
		i = j
	}
	return b.String()
}

func (p perturber) word(w string) string {
	h := hash(p.seed, p.event, w)
	if n, err := strconv.Atoi(w); err == nil {
		switch {
		case n >= 1900 && n <= 2100:
			return strconv.Itoa(n + int(h%11) - 5)
		case len(w) >= 2 && w[0] == '0':
			return w // "03" in a date: keep its shape
		default:
			f := 0.5 + float64(h%1000)/1000
			return strconv.Itoa(max(1, int(math.Round(float64(n)*f))))
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	lower := strings.ToLower(w)
	if !unicode.IsUpper(first) || utf8.RuneCountInString(w) < 3 || text.IsStop(lower) || calendar(lower) {
		return w
	}
	if float64(h%1000)/1000 >= p.rename {
		return w
	}
	return invent(h, w)
}

// invent makes a pronounceable name from h, as long as w roughly and in
// the same case (all capitals or capitalised).
func invent(h uint64, w string) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	n := max(2, min(4, utf8.RuneCountInString(w)/2))
	var b strings.Builder
	for range n {
		b.WriteByte(cons[h%uint64(len(cons))])
		h /= uint64(len(cons))
		b.WriteByte(vows[h%uint64(len(vows))])
		h /= uint64(len(vows))
		if h == 0 {
			h = 0x9e3779b97f4a7c15
		}
	}
	name := b.String()
	if strings.ToUpper(w) == w {
		return strings.ToUpper(name)
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func calendar(w string) bool { return text.IsCalendarWord(w) }

// hash mixes the seed, the event and a word.
func hash(seed, event uint64, w string) uint64 {
	h := seed*0x9e3779b97f4a7c15 ^ event*0xbf58476d1ce4e5b9
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	return h ^ h>>29
}

// Package dedup finds near-duplicate articles in a stream: wire copies,
// trimmed or re-headlined versions of one text. It signs each text with
// MinHash over word shingles, finds candidates with locality-sensitive
// hashing (LSH) bands, and verifies each candidate on the true shingle sets,
// by Jaccard similarity or, for trimmed and extended copies, by containment.
//
// A copy points to its original, the earliest article in arrival order it
// copies, with the sentences it added and the sentences it cut. Copies are
// grouped with their original, never deleted.
//
// Hashing is deterministic: the same Options give the same signatures and
// the same matches for the same arrival order.
package dedup

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// Options configures near-duplicate detection. The zero value is not valid:
// start from DefaultOptions.
type Options struct {
	// Shingle is the number of consecutive words of a shingle (default 5).
	Shingle int
	// Bands and Rows shape the LSH index: the signature has Bands×Rows
	// MinHash values and two texts become candidates when all Rows values of
	// any one band agree (defaults 32 and 4, a 128-value signature; texts of
	// Jaccard similarity 0.5 become candidates with probability 0.87, of 0.3
	// with probability 0.23).
	Bands, Rows int
	// Jaccard is the least Jaccard similarity of the two shingle sets for a
	// text to be a copy (default 0.7).
	Jaccard float64
	// Containment is the least share of the smaller shingle set found in the
	// larger one for a text to be a trimmed or extended copy (default 0.85).
	Containment float64
	// MinShingles is the least number of distinct shingles a text needs to
	// be compared at all (default 8): shorter texts are never copies.
	MinShingles int
	// MaxChain bounds the number of earlier texts looked at in one LSH
	// bucket (default 64), which bounds the time per text when thousands of
	// texts share boilerplate.
	MaxChain int
	// Seed seeds the hash functions (default 1).
	Seed uint64
}

// DefaultOptions returns the options used by Parallax.
func DefaultOptions() Options {
	return Options{Shingle: 5, Bands: 32, Rows: 4, Jaccard: 0.7, Containment: 0.85, MinShingles: 8, MaxChain: 64, Seed: 1}
}

// Validate reports the first option out of range as an EINVALID error.
func (o Options) Validate() error {
	switch {
	case o.Shingle < 1:
		return parallax.Errorf(parallax.EINVALID, "dedup", "shingle size %d: must be at least 1", o.Shingle)
	case o.Bands < 1 || o.Rows < 1 || o.Bands*o.Rows > 1024:
		return parallax.Errorf(parallax.EINVALID, "dedup", "%d bands × %d rows: need at least 1×1 and at most 1024 hashes", o.Bands, o.Rows)
	case o.Jaccard <= 0 || o.Jaccard > 1:
		return parallax.Errorf(parallax.EINVALID, "dedup", "jaccard threshold %g: must be in (0, 1]", o.Jaccard)
	case o.Containment <= 0 || o.Containment > 1:
		return parallax.Errorf(parallax.EINVALID, "dedup", "containment threshold %g: must be in (0, 1]", o.Containment)
	case o.MinShingles < 1:
		return parallax.Errorf(parallax.EINVALID, "dedup", "min shingles %d: must be at least 1", o.MinShingles)
	case o.MaxChain < 1:
		return parallax.Errorf(parallax.EINVALID, "dedup", "max chain %d: must be at least 1", o.MaxChain)
	}
	return nil
}

// Signature is the MinHash signature of one text.
type Signature struct {
	// Mins holds Bands×Rows minimum hash values; nil when the text has
	// fewer than MinShingles shingles.
	Mins []uint32
	// Shingles is the number of shingles of the text (repeated ones
	// counted again; few are in prose).
	Shingles int
}

// Match tells that a text is a copy of an earlier one.
type Match struct {
	// Original is the arrival index (from 0) of the original: the earliest
	// text this one copies.
	Original int `json:"original"`
	// Jaccard is the Jaccard similarity of the two shingle sets.
	Jaccard float64 `json:"jaccard"`
	// Containment is the share of the smaller shingle set found in the
	// larger one.
	Containment float64 `json:"containment"`
	// Diff is what the copy added to the original and cut from it.
	Diff Diff `json:"diff"`
}

// Diff lists the sentences present in one text and not in the other,
// compared on their folded words.
type Diff struct {
	// Added are the copy's sentences the original lacks, in the copy's order.
	Added []string `json:"added"`
	// Cut are the original's sentences the copy lacks, in the original's order.
	Cut []string `json:"cut"`
}

// Index finds near-duplicates among the texts added to it, in arrival order.
// Sign is safe for concurrent use; Add and AddSigned are not.
type Index struct {
	opts     Options
	mul, add []uint64 // one hash function per signature value

	texts   []string
	sigs    []Signature
	origin  []int32            // original of each text, or its own index
	heads   []map[uint64]int32 // per band: bucket key → latest text
	next    []int32            // per text and band: previous text of the bucket, -1 at the end
	scratch map[int32]struct{}

	forgotten int // texts before this arrival index are forgotten (see Forget)
	swept     int // forgotten when the bucket heads were last swept
}

// NewIndex returns an empty index. It fails with EINVALID for options out of
// range.
func NewIndex(opts Options) (*Index, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	n := (opts.Bands*opts.Rows + 1) / 2
	ix := &Index{opts: opts, mul: make([]uint64, n), add: make([]uint64, n), heads: make([]map[uint64]int32, opts.Bands), scratch: map[int32]struct{}{}}
	state := opts.Seed
	for i := range n {
		ix.mul[i] = splitmix(&state) | 1
		ix.add[i] = splitmix(&state)
	}
	for b := range ix.heads {
		ix.heads[b] = map[uint64]int32{}
	}
	return ix, nil
}

// Options returns the options the index was made with.
func (ix *Index) Options() Options { return ix.opts }

// Len returns the number of texts added.
func (ix *Index) Len() int { return len(ix.texts) }

// Sign returns the MinHash signature of s. It is safe for concurrent use.
func (ix *Index) Sign(s string) Signature {
	sh := rawShingles(s, ix.opts.Shingle) // duplicates do not change minima
	if len(sh) < ix.opts.MinShingles {
		return Signature{Shingles: len(sh)}
	}
	// Each 64-bit hash function gives two 32-bit values: its high half and
	// its low half (a bijection of the low half of the well-mixed shingle
	// hash, since the multiplier is odd).
	n := len(ix.mul)
	mins := make([]uint32, 2*n)
	for i := range mins {
		mins[i] = ^uint32(0)
	}
	hi, lo := mins[:n], mins[n:]
	for _, x := range sh {
		for i, m := range ix.mul {
			h := x*m + ix.add[i]
			hi[i] = min(hi[i], uint32(h>>32))
			lo[i] = min(lo[i], uint32(h))
		}
	}
	return Signature{Mins: mins, Shingles: len(sh)}
}

// Add signs s, adds it (see AddSigned) and, for a copy, fills Match.Diff.
func (ix *Index) Add(s string) (Match, bool) {
	m, ok := ix.AddSigned(s, ix.Sign(s))
	if ok {
		m.Diff = ix.Diff(ix.texts[m.Original], s)
	}
	return m, ok
}

// Text returns the text added with arrival index i, "" when forgotten.
func (ix *Index) Text(i int) string { return ix.texts[i] }

// Forget drops the texts added before arrival index n, so that a long
// stream holds only its recent texts: they are no longer matched, and their
// text, signature and buckets are freed (a few bytes per text remain). A
// remembered copy of a forgotten text stands for it as the original of
// later copies.
func (ix *Index) Forget(n int) {
	n = min(n, len(ix.texts))
	for i := ix.forgotten; i < n; i++ {
		ix.texts[i] = ""
		ix.sigs[i] = Signature{}
	}
	ix.forgotten = max(ix.forgotten, n)
	// Buckets whose latest text is forgotten hold only forgotten texts:
	// sweep them once the forgotten texts have grown by half.
	if ix.forgotten-ix.swept >= max(1024, ix.swept/2) {
		for _, heads := range ix.heads {
			for k, id := range heads {
				if int(id) < ix.forgotten {
					delete(heads, k)
				}
			}
		}
		ix.swept = ix.forgotten
	}
}

// AddSigned adds s, whose signature sig was made by ix.Sign, as the next
// text in arrival order. When s is a near-duplicate of an earlier text it
// returns the match with the earliest such text (following copies of copies
// to their original) and true; Match.Diff is left empty, for the caller to
// fill with Diff when it needs it (it is the costly part). The index keeps
// a reference to s.
func (ix *Index) AddSigned(s string, sig Signature) (Match, bool) {
	id := int32(len(ix.texts))
	ix.texts = append(ix.texts, s)
	ix.sigs = append(ix.sigs, sig)
	ix.origin = append(ix.origin, id)
	for range ix.opts.Bands {
		ix.next = append(ix.next, -1)
	}
	if sig.Mins == nil {
		return Match{}, false
	}
	clear(ix.scratch)
	var cands []int32
	r := ix.opts.Rows
	for b := range ix.opts.Bands {
		key := bandKey(uint64(b), sig.Mins[b*r:(b+1)*r])
		head, ok := ix.heads[b][key]
		ix.heads[b][key] = id
		if !ok {
			continue
		}
		ix.next[int(id)*ix.opts.Bands+b] = head
		// A chain runs from the newest text to the oldest: it ends at the
		// first forgotten one.
		for c, n := head, 0; c >= 0 && int(c) >= ix.forgotten && n < ix.opts.MaxChain; c, n = ix.next[int(c)*ix.opts.Bands+b], n+1 {
			if _, seen := ix.scratch[c]; !seen {
				ix.scratch[c] = struct{}{}
				cands = append(cands, c)
			}
		}
	}
	slices.Sort(cands)
	var mine []uint64
	for _, c := range cands {
		if !ix.likely(sig, ix.sigs[c]) {
			continue
		}
		if mine == nil {
			mine = shingles(s, ix.opts.Shingle)
		}
		j, cont := overlap(mine, shingles(ix.texts[c], ix.opts.Shingle))
		if j < ix.opts.Jaccard && cont < ix.opts.Containment {
			continue
		}
		orig := ix.origin[c]
		if int(orig) < ix.forgotten {
			orig = c // the original is forgotten: its copy stands for it
		}
		ix.origin[id] = orig
		m := Match{Original: int(orig), Jaccard: j, Containment: cont}
		if orig != c {
			m.Jaccard, m.Containment = overlap(mine, shingles(ix.texts[orig], ix.opts.Shingle))
		}
		return m, true
	}
	return Match{}, false
}

// likely reports whether the signatures estimate a similarity within reach
// of the thresholds, before the exact check on the shingle sets.
func (ix *Index) likely(a, b Signature) bool {
	if b.Mins == nil {
		return false
	}
	eq, k := 0, ix.opts.Bands*ix.opts.Rows
	for i, v := range a.Mins[:k] {
		if b.Mins[i] == v {
			eq++
		}
	}
	j := float64(eq) / float64(k)
	if j >= ix.opts.Jaccard-0.15 {
		return true
	}
	// |A∩B| = J/(1+J)·(|A|+|B|), over the smaller set.
	inter := j / (1 + j) * float64(a.Shingles+b.Shingles)
	return inter/float64(min(a.Shingles, b.Shingles)) >= ix.opts.Containment-0.15
}

// Diff compares the sentences of an original and a copy on their folded
// words and returns what the copy added and cut.
func (ix *Index) Diff(original, cp string) Diff {
	origKeys, origSents := ix.sentences(original)
	copyKeys, copySents := ix.sentences(cp)
	inOrig := make(map[string]bool, len(origKeys))
	for _, k := range origKeys {
		inOrig[k] = true
	}
	inCopy := make(map[string]bool, len(copyKeys))
	for _, k := range copyKeys {
		inCopy[k] = true
	}
	d := Diff{Added: []string{}, Cut: []string{}}
	for i, k := range copyKeys {
		if !inOrig[k] {
			d.Added = append(d.Added, copySents[i])
		}
	}
	for i, k := range origKeys {
		if !inCopy[k] {
			d.Cut = append(d.Cut, origSents[i])
		}
	}
	return d
}

func (ix *Index) sentences(s string) (keys, sents []string) {
	for _, sent := range splitSentences(s) {
		var b strings.Builder
		words(sent, func(w string) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		})
		if b.Len() == 0 {
			continue
		}
		keys = append(keys, b.String())
		sents = append(sents, sent)
	}
	return keys, sents
}

// splitSentences splits s into sentences, trimmed: at line breaks, and
// after a period, question or exclamation mark (and any closing quote) that
// a space and a capital, digit or opening quote follow, unless the period
// ends a short capitalised abbreviation ("Mr.", "St.", "J."). It is cruder
// than text.Splitter and much faster, which is what comparing copies needs.
func splitSentences(s string) []string {
	var out []string
	emit := func(x string) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	for line := range strings.SplitSeq(s, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < len(line) && strings.IndexByte("\"')]", line[j]) >= 0 {
				j++
			}
			if strings.HasPrefix(line[j:], "”") || strings.HasPrefix(line[j:], "’") {
				j += len("”")
			}
			if j >= len(line) || line[j] != ' ' {
				continue
			}
			k := j
			for k < len(line) && line[k] == ' ' {
				k++
			}
			next, _ := utf8.DecodeRuneInString(line[k:])
			if !unicode.IsUpper(next) && !unicode.IsDigit(next) && next != '"' && next != '“' && next != '\'' && next != '‘' {
				continue
			}
			if c == '.' && abbreviation(line[start:i]) {
				continue
			}
			emit(line[start:j])
			start = j
		}
		emit(line[start:])
	}
	return out
}

// abbreviation reports whether s ends with a word that a period after it
// does not end a sentence: one to three letters starting with a capital.
func abbreviation(s string) bool {
	k := strings.LastIndexAny(s, " (\"“") + 1
	w := s[k:]
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// shingles returns the sorted distinct hashes of the k-word shingles of s;
// a text of fewer than k words has one shingle of all its words.
func shingles(s string, k int) []uint64 {
	out := rawShingles(s, k)
	slices.Sort(out)
	return slices.Compact(out)
}

// rawShingles returns the hashes of the k-word shingles of s in text order.
func rawShingles(s string, k int) []uint64 {
	ws := make([]uint64, 0, len(s)/5)
	wordHashes(s, func(h uint64) { ws = append(ws, h) })
	if len(ws) == 0 {
		return nil
	}
	n := max(len(ws)-k+1, 1)
	out := make([]uint64, 0, n)
	for i := range n {
		h := uint64(0x9e3779b97f4a7c15)
		for _, w := range ws[i:min(i+k, len(ws))] {
			h = mix(h ^ w)
		}
		out = append(out, h)
	}
	return out
}

// wordHashes calls f with the FNV-1a hash of each word of s folded to lower
// case, as words would give it.
func wordHashes(s string, f func(uint64)) {
	const offset, prime = 14695981039346656037, 1099511628211
	h, in := uint64(offset), false
	var buf [utf8.UTFMax]byte
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			h = (h ^ uint64(r)) * prime
			in = true
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			h = (h ^ uint64(r+'a'-'A')) * prime
			in = true
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, c := range buf[:n] {
				h = (h ^ uint64(c)) * prime
			}
			in = true
		case (r == '\'' || r == '’') && in && i+utf8.RuneLen(r) < len(s):
		default:
			if in {
				f(h)
			}
			h, in = offset, false
		}
	}
	if in {
		f(h)
	}
}

// overlap returns the Jaccard similarity of two sorted hash sets and the
// share of the smaller set found in the larger one.
func overlap(a, b []uint64) (jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	return float64(inter) / float64(union), float64(inter) / float64(min(len(a), len(b)))
}

// words calls f with each word of s folded to lower case: runs of letters
// and digits, with inner apostrophes dropped ("Bukele’s" → "bukeles").
func words(s string, f func(string)) {
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			f(string(buf))
			buf = buf[:0]
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case (r == '\'' || r == '’') && len(buf) > 0 && i+utf8.RuneLen(r) < len(s):
			// An inner apostrophe joins the word; a trailing one ends it.
		default:
			flush()
		}
	}
	flush()
}

func bandKey(band uint64, vals []uint32) uint64 {
	h := mix(band + 0x632be59bd9b4e019)
	for _, v := range vals {
		h = mix(h ^ uint64(v))
	}
	return h
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	return mix(*state)
}

// String returns a one-line summary such as "copy of #3 (J=0.82, +1/-2
// sentences)".
func (m Match) String() string {
	return fmt.Sprintf("copy of #%d (J=%.2f, C=%.2f, +%d/-%d sentences)", m.Original, m.Jaccard, m.Containment, len(m.Diff.Added), len(m.Diff.Cut))
}

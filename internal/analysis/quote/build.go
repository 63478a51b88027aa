package quote

import (
	"slices"
	"sort"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// build makes the quote of a group: its cites (consecutive sentences of
// one quotation joined), variants by wording, speaker, kind and sources.
func build(us []*unit, paras []*unit, srcs []string, docs []*text.Doc) (parallax.Quote, bool) {
	sort.Slice(us, func(i, j int) bool {
		if us[i].art != us[j].art {
			return us[i].art < us[j].art
		}
		return us[i].start < us[j].start
	})
	cites := mergeCites(us)
	speaker, direct := speakerOf(us)
	srcSet := map[int]bool{}
	for _, c := range cites {
		srcSet[c.art] = true
	}
	terms := true
	for _, u := range us {
		terms = terms && u.kind == parallax.QuoteTerm
	}
	if !direct && !terms && speaker == "" && len(srcSet) < 2 {
		return parallax.Quote{}, false
	}
	q := parallax.Quote{Speaker: speaker, Kind: parallax.QuotePartial, Sources: []string{}, Cites: []parallax.Cite{}, Variants: []parallax.Variant{}}
	switch {
	case direct:
		q.Kind = parallax.QuoteDirect
	case terms:
		// Words in quotation marks no one is said to utter: listed apart,
		// with no speaker, however many sources carry them.
		q.Kind, q.Speaker = parallax.QuoteTerm, ""
	}
	vs := variants(cites, paras, srcs, docs)
	citeInOrder(&q, vs, srcs)
	// The quote's text: the quoted wording most sources carry.
	best := -1
	for n, v := range vs {
		if v.indirec {
			continue
		}
		if best < 0 || len(v.arts) > len(vs[best].arts) || len(v.arts) == len(vs[best].arts) && v.direct && !vs[best].direct {
			best = n
		}
	}
	q.Text = vs[best].v.Text
	for _, v := range vs {
		q.Variants = append(q.Variants, v.v)
	}
	return q, true
}

// unitCite is a run of quoted words of one article: consecutive units of
// one mention merged.
type unitCite struct {
	art, start, end int
	kind            string
}

// mergeCites returns the units' cites, the consecutive units of one
// mention merged into one.
func mergeCites(us []*unit) []unitCite {
	var cites []unitCite
	for n, u := range us {
		if n > 0 {
			p := us[n-1]
			last := &cites[len(cites)-1]
			if p.art == u.art && p.mention == u.mention && p.seq+1 == u.seq {
				last.end = u.end
				continue
			}
		}
		cites = append(cites, unitCite{u.art, u.start, u.end, u.kind})
	}
	return cites
}

// speakerOf returns the speaker most units name (a known name before an
// unresolved description), and whether a unit is a direct quotation.
func speakerOf(us []*unit) (string, bool) {
	speakers := map[string]int{}
	anon := map[string]int{}
	direct := false
	for _, u := range us {
		if u.kind == parallax.QuoteDirect {
			direct = true
		}
		switch {
		case u.speaker == "":
		case u.known:
			speakers[u.speaker]++
		default:
			anon[u.speaker]++
		}
	}
	speaker := top(speakers)
	if speaker == "" {
		speaker = top(anon)
	}
	return speaker, direct
}

// variant is one wording of a quotation and the articles that carry it.
type variant struct {
	v       parallax.Variant
	arts    map[int]bool
	direct  bool
	first   int
	indirec bool
}

// variants groups the cites and the paraphrases by wording, in the order
// first met.
func variants(cites []unitCite, paras []*unit, srcs []string, docs []*text.Doc) []*variant {
	var vs []*variant
	byKey := map[string]*variant{}
	add := func(art, start, end int, kind string) {
		t := string(docs[art].Runes[start:end])
		key := normalizeTokens(docs[art].Span(start, end))
		v := byKey[key]
		if v == nil {
			v = &variant{v: parallax.Variant{Text: t, Kind: kind, Sources: []string{}, Cites: []parallax.Cite{}}, arts: map[int]bool{}, first: len(vs), indirec: kind == parallax.QuoteIndirect}
			byKey[key] = v
			vs = append(vs, v)
		}
		if !v.arts[art] {
			v.arts[art] = true
			v.v.Sources = append(v.v.Sources, srcs[art])
		}
		c := parallax.Cite{Source: srcs[art], Start: start, End: end}
		v.v.Cites = append(v.v.Cites, c)
		if kind == parallax.QuoteDirect {
			v.direct = true
			v.v.Kind = kind
		}
	}
	for _, c := range cites {
		add(c.art, c.start, c.end, c.kind)
	}
	for _, p := range paras {
		add(p.art, p.start, p.end, parallax.QuoteIndirect)
	}
	return vs
}

// citeInOrder sets the quote's sources and cites from its variants, in
// article order: the quoted wordings' alone when there are any, so that a
// source that only paraphrases a quotation is not credited with its words
// (its paraphrase stays a variant, with its own sources).
func citeInOrder(q *parallax.Quote, vs []*variant, srcs []string) {
	quoted := slices.ContainsFunc(vs, func(v *variant) bool { return !v.indirec })
	all := map[int]bool{}
	for _, v := range vs {
		if quoted && v.indirec {
			continue
		}
		for a := range v.arts {
			all[a] = true
		}
	}
	arts := make([]int, 0, len(all))
	for a := range all {
		arts = append(arts, a)
	}
	sort.Ints(arts)
	for _, a := range arts {
		q.Sources = appendUnique(q.Sources, srcs[a])
	}
	for _, v := range vs {
		if !quoted || !v.indirec {
			q.Cites = append(q.Cites, v.v.Cites...)
		}
	}
	sort.SliceStable(q.Cites, func(i, j int) bool {
		ai, aj := indexOf(srcs, q.Cites[i].Source), indexOf(srcs, q.Cites[j].Source)
		if ai != aj {
			return ai < aj
		}
		return q.Cites[i].Start < q.Cites[j].Start
	})
}

func top(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

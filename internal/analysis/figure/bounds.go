package figure

import (
	"math"
	"strconv"
)

// maxAge is the oldest age a person is read as having.
const maxAge = 125

// bound keeps the range of a figure within what its unit allows: the
// approximations of lexicon.go widen a number by a share of it ("over 90"
// is 90–112.5) whatever it counts, and a share cannot pass 100%, an age a
// human life, a count of people or things a whole number or zero.
func (s *sentence) bound(f found) found {
	e := &f.e
	switch {
	case f.unit == UnitDate:
		return f
	case e.age:
		e.high = min(e.high, maxAge)
	case f.unit == UnitPercent:
		// "rose 150%", "a 20% increase" measure a change, which may pass
		// 100%; "over 90%" of the votes is a share and cannot.
		if e.value <= 100 && !s.percentChange(e) {
			e.high = min(e.high, 100)
		}
	case (f.unit == UnitPeople || f.unit == UnitCount) && e.value == math.Trunc(e.value):
		// "some two dozen" people are 22 to 26, not 21.6 to 26.4.
		e.low, e.high = math.Ceil(e.low), math.Floor(e.high)
	}
	// No sign is read: what a figure counts or measures is never negative.
	e.low = max(e.low, 0)
	e.low, e.high = min(tidy(e.low), e.value), max(tidy(e.high), e.value)
	return f
}

// tidy rounds a bound to 12 significant digits: 88.41 widened by a tenth is
// 97.251, not 97.25099999999999.
func tidy(v float64) float64 {
	t, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil || !finite(t) {
		return v
	}
	return t
}

// percentChange reports whether a percentage measures a change ("rose
// 150%", "up 20%", "fell by 5%", "a 20% increase") rather than a share.
func (s *sentence) percentChange(e *expr) bool {
	k := e.start - 1
	for k >= 0 && s.toks[k].Start >= e.from {
		k-- // the approximator: "rose by more than 20%"
	}
	for n := 0; k >= 0 && n < 3 && !s.boundary(k+1); k, n = k-1, n+1 {
		l := s.lower(k)
		if changeWords[l] {
			return true
		}
		if l != "by" && !isApproxWord(l) {
			break
		}
	}
	for k, n := e.end, 0; k < len(s.toks) && n < 2 && !s.boundary(k); k, n = k+1, n+1 {
		if l := s.lower(k); changeWords[l] || changeNouns[l] {
			return true
		}
	}
	return false
}

// changeWords say that the percentage next to them is a change: verbs of
// rising and falling before it ("rose 150%") or comparatives after it ("20%
// higher").
var changeWords = map[string]bool{
	"rose": true, "rise": true, "rises": true, "rising": true, "risen": true, "increase": true, "increased": true,
	"increases": true, "increasing": true, "grew": true, "grow": true, "grows": true, "growing": true, "grown": true,
	"jumped": true, "jump": true, "jumps": true, "surged": true, "surge": true, "soared": true, "soar": true,
	"climbed": true, "climb": true, "gained": true, "gain": true, "fell": true, "fall": true, "falls": true,
	"falling": true, "fallen": true, "dropped": true, "drop": true, "declined": true, "decline": true,
	"plunged": true, "plummeted": true, "slumped": true, "tumbled": true, "doubled": true, "up": true, "down": true,
	"boosted": true, "cut": true, "raised": true, "hiked": true, "higher": true, "lower": true, "more": true,
	"less": true, "faster": true, "slower": true, "cheaper": true, "dearer": true,
}

// changeNouns after a percentage make it a change: "a 150% increase".
var changeNouns = map[string]bool{
	"increase": true, "rise": true, "jump": true, "growth": true, "drop": true, "decline": true, "fall": true,
	"gain": true, "hike": true, "cut": true, "boost": true, "surge": true, "raise": true, "reduction": true,
	"markup": true, "premium": true, "discount": true,
}

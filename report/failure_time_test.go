package report_test

import (
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("FromReport", func() {
	It("places a failed between expectation at its start", func() {
		s := replayOne(mustParse(failingDoc + "  - canceled: Work\n    between: [2m, 4m]\n"))
		Expect(s.Failures).To(HaveLen(3))
		Expect(s.Failures[2].Where).To(Equal("t.yaml:30:5"))
		Expect(s.Failures[2].Known).To(BeTrue())
		Expect(s.Failures[2].At).To(Equal(2 * time.Minute))
	})

	It("places a trace that differs from its recording at the first replayed record that differs", func() {
		doc := strings.Replace(failingDoc, "expect:\n  - run: Work\n    at: 3m\n  - canceled: Work\n", "", 1)
		Expect(doc).NotTo(Equal(failingDoc))
		doc += `trace: |
  +00:00:00.000 register  Work task=1 trigger=System(TimeZoneChange) conditions=UserPresent entry_point=T.Work
  +00:01:00.000 device    time_zone=Europe/Paris offset=+01:00
`
		s := replayOne(mustParse(doc))
		Expect(s.Failures).To(HaveLen(1))
		Expect(s.Failures[0].Msg).To(HavePrefix("trace differs from the recording at line 2"))
		Expect(s.Failures[0].Known).To(BeTrue())
		Expect(s.Failures[0].At).To(Equal(time.Minute))
	})

	It("knows no time for an expectation without at or between", func() {
		s := replayOne(mustParse(failingDoc))
		Expect(s.Failures[1].Known).To(BeFalse())
		Expect(s.Passed()).To(BeFalse())
	})

	It("takes the scenario's run length: until, or the last timeline entry plus an hour", func() {
		Expect(replayOne(mustParse(failingDoc)).End).To(Equal(time.Hour + 5*time.Minute))
		Expect(replayOne(mustParse(failingDoc + "until: 10m\n")).End).To(Equal(10 * time.Minute))
	})
})

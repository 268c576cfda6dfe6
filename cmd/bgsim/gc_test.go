package main

import (
	"os"
	"runtime/debug"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// setEnv sets or (with unset) clears an environment variable for the current spec.
func setEnv(key, value string, unset bool) {
	old, had := os.LookupEnv(key)
	if unset {
		Expect(os.Unsetenv(key)).To(Succeed())
	} else {
		Expect(os.Setenv(key, value)).To(Succeed())
	}
	DeferCleanup(func() {
		if had {
			os.Setenv(key, old)
		} else {
			os.Unsetenv(key)
		}
	})
}

// gcPercentNow returns the current GC percent without changing it.
func gcPercentNow() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

var _ = Describe("tuneGC", func() {
	BeforeEach(func() {
		before := gcPercentNow()
		DeferCleanup(func() { debug.SetGCPercent(before) })
		debug.SetGCPercent(100)
	})

	It("raises the GC target to gcPercent when the user set neither GOGC nor GOMEMLIMIT", func() {
		setEnv("GOGC", "", true)
		setEnv("GOMEMLIMIT", "", true)
		Expect(tuneGC()).To(BeTrue())
		Expect(gcPercentNow()).To(Equal(gcPercent))
		Expect(gcPercent).To(BeNumerically(">", 100))
	})

	DescribeTable("leaves the target alone when the user chose one",
		func(key, value string) {
			setEnv("GOGC", "", true)
			setEnv("GOMEMLIMIT", "", true)
			setEnv(key, value, false)
			Expect(tuneGC()).To(BeFalse())
			Expect(gcPercentNow()).To(Equal(100))
		},
		Entry("GOGC", "GOGC", "150"),
		Entry("GOGC=off", "GOGC", "off"),
		Entry("GOMEMLIMIT", "GOMEMLIMIT", "512MiB"),
	)
})

package harness_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// suiteT is the suite's *testing.T, kept so that specs can call synctest.Test from an It.
var suiteT *testing.T

func TestHarness(t *testing.T) {
	suiteT = t
	RegisterFailHandler(Fail)
	RunSpecs(t, "Harness Suite")
}

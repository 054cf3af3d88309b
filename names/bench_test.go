package names

import "testing"

var benchNames = []string{
	"AL-HASAN, Suhayl HASSAN", "LIMITED LIABILITY COMPANY CENTER OF PURCHASES AND LOGISTICS",
	"Евгений Викторович Пригожин", "محمد رضا سلیمانی", "BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY CO., LTD.",
	"Iliana Josefa RUZZA TERAN", "李景峰",
}

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Normalize(benchNames[i%len(benchNames)])
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse(benchNames[i%len(benchNames)])
	}
}

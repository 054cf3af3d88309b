package decide

import (
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
)

// ClassifyGoods is the goods phase: each item classified with the
// catalogue in use (HS code and where it came from, CHPL tier, Iran-UAV
// category, watch-listed part, control leads), one per item, in order.
func ClassifyGoods(cat *goods.Catalogue, items []tripline.Item) []goods.Item {
	out := make([]goods.Item, len(items))
	for i, it := range items {
		out[i] = cat.ClassifyItem(i, it)
	}
	return out
}

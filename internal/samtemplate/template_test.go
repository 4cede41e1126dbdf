package samtemplate_test

import (
	"slices"
	"testing"

	"github.com/embedarchive/embedarchive/internal/samtemplate"
)

func TestRepoTemplate(t *testing.T) {
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := tpl.Table("ArchiveTable", "t1")
	if err != nil {
		t.Fatal(err)
	}
	if *in.TableName != "t1" || len(in.KeySchema) != 2 || *in.KeySchema[0].AttributeName != "PK" {
		t.Errorf("table = %+v", in)
	}
	var idx []string
	for _, g := range in.GlobalSecondaryIndexes {
		idx = append(idx, *g.IndexName)
	}
	for _, want := range []string{"ByAuthor", "ByPlatformMonth", "ByStatus", "DueForRecheck", "BySpeaker", "ArticlesByTime"} {
		if !slices.Contains(idx, want) {
			t.Errorf("index %s missing from %v", want, idx)
		}
	}
	b, err := tpl.Bucket("SnapshotBucket")
	if err != nil {
		t.Fatal(err)
	}
	if !b.Versioning {
		t.Error("SnapshotBucket versioning not read")
	}
}

func TestIntrinsicTags(t *testing.T) {
	tpl, err := samtemplate.Parse([]byte(`
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Ref Name
      KeySchema:
        - AttributeName: !Sub "${X}"
          KeyType: HASH
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(tpl.Resources["T"].Properties); got != `{"KeySchema":[{"AttributeName":{"Fn::Sub":"${X}"},"KeyType":"HASH"}],"TableName":{"Ref":"Name"}}` {
		t.Errorf("properties = %s", got)
	}
}

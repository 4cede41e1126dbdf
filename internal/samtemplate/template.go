package samtemplate

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"gopkg.in/yaml.v3"
)

// Template is a parsed CloudFormation/SAM template. Short-form intrinsic
// functions (!Ref X, !Sub s, !GetAtt A.B, !If [...]) read as their long
// forms ({"Ref": "X"}...).
type Template struct {
	Resources map[string]Resource `json:"Resources"`
}

// Resource is one entry of Resources.
type Resource struct {
	Type       string          `json:"Type"`
	Properties json.RawMessage `json:"Properties"`
}

// Load reads the template at path.
func Load(path string) (*Template, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	return Parse(raw)
}

// Parse parses a template's YAML.
func Parse(raw []byte) (*Template, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	v, err := convert(&doc)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	var t Template
	if err := json.Unmarshal(js, &t); err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	return &t, nil
}

// convert turns a YAML node into plain values, mapping short-form
// intrinsic tags to their long forms.
func convert(n *yaml.Node) (any, error) {
	var v any
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return convert(n.Content[0])
	case yaml.AliasNode:
		return convert(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			val, err := convert(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = val
		}
		v = m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, err := convert(c)
			if err != nil {
				return nil, err
			}
			s = append(s, val)
		}
		v = s
	case yaml.ScalarNode:
		if strings.HasPrefix(n.Tag, "!") {
			v = n.Value
		} else if err := n.Decode(&v); err != nil {
			return nil, err
		}
	}
	if tag, ok := strings.CutPrefix(n.Tag, "!"); ok && tag != "" && !strings.HasPrefix(tag, "!") {
		name := "Fn::" + tag
		if tag == "Ref" || tag == "Condition" {
			name = tag
		}
		if tag == "GetAtt" {
			if s, ok := v.(string); ok {
				parts := strings.SplitN(s, ".", 2)
				v = []any{parts[0], strings.Join(parts[1:], "")}
			}
		}
		return map[string]any{name: v}, nil
	}
	return v, nil
}

// Table returns the CreateTableInput for the AWS::DynamoDB::Table resource
// named logical, creating a table called name.
func (t *Template) Table(logical, name string) (*dynamodb.CreateTableInput, error) {
	r, ok := t.Resources[logical]
	if !ok || r.Type != "AWS::DynamoDB::Table" {
		return nil, fmt.Errorf("samtemplate: no AWS::DynamoDB::Table %s", logical)
	}
	var p struct {
		BillingMode            string
		AttributeDefinitions   []struct{ AttributeName, AttributeType string }
		KeySchema              []keyElem
		GlobalSecondaryIndexes []struct {
			IndexName  string
			KeySchema  []keyElem
			Projection struct {
				ProjectionType   string
				NonKeyAttributes []string
			}
		}
	}
	if err := json.Unmarshal(r.Properties, &p); err != nil {
		return nil, fmt.Errorf("samtemplate: %s properties: %w", logical, err)
	}
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest}
	if p.BillingMode != "" {
		in.BillingMode = types.BillingMode(p.BillingMode)
	}
	for _, a := range p.AttributeDefinitions {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(a.AttributeName), AttributeType: types.ScalarAttributeType(a.AttributeType)})
	}
	in.KeySchema = keySchema(p.KeySchema)
	for _, g := range p.GlobalSecondaryIndexes {
		gsi := types.GlobalSecondaryIndex{
			IndexName: aws.String(g.IndexName),
			KeySchema: keySchema(g.KeySchema),
			Projection: &types.Projection{ProjectionType: types.ProjectionType(g.Projection.ProjectionType),
				NonKeyAttributes: g.Projection.NonKeyAttributes},
		}
		if in.BillingMode == types.BillingModeProvisioned {
			gsi.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)}
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, gsi)
	}
	if in.BillingMode == types.BillingModeProvisioned {
		in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)}
	}
	if len(in.KeySchema) == 0 {
		return nil, fmt.Errorf("samtemplate: %s has no KeySchema", logical)
	}
	return in, nil
}

type keyElem struct{ AttributeName, KeyType string }

func keySchema(ks []keyElem) []types.KeySchemaElement {
	var out []types.KeySchemaElement
	for _, k := range ks {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(k.AttributeName), KeyType: types.KeyType(k.KeyType)})
	}
	return out
}

// Bucket describes an AWS::S3::Bucket resource as setup creates it.
type Bucket struct {
	Logical    string
	Versioning bool
}

// Bucket returns the AWS::S3::Bucket resource named logical.
func (t *Template) Bucket(logical string) (*Bucket, error) {
	r, ok := t.Resources[logical]
	if !ok || r.Type != "AWS::S3::Bucket" {
		return nil, fmt.Errorf("samtemplate: no AWS::S3::Bucket %s", logical)
	}
	var p struct {
		VersioningConfiguration struct{ Status string }
	}
	if len(r.Properties) > 0 {
		if err := json.Unmarshal(r.Properties, &p); err != nil {
			return nil, fmt.Errorf("samtemplate: %s properties: %w", logical, err)
		}
	}
	return &Bucket{Logical: logical, Versioning: p.VersioningConfiguration.Status == "Enabled"}, nil
}

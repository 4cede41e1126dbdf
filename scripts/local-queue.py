#!/usr/bin/env python3
"""local-queue.py ENDPOINT BUCKET QUEUE: on a local moto_server, create the
queue (with a dead-letter queue after five receives) that the articles
bucket notifies on uploads under articles/, as template.yaml does in AWS.
Prints the queue URL. Running it again changes nothing.

boto3 comes with moto, which `make local` needs anyway."""
import json
import sys

import boto3

endpoint, bucket, name = sys.argv[1:4]
kw = dict(endpoint_url=endpoint, region_name="us-east-1",
          aws_access_key_id="testing", aws_secret_access_key="testing")
sqs = boto3.client("sqs", **kw)
s3 = boto3.client("s3", **kw)

dlq = sqs.create_queue(QueueName=name + "-dlq")["QueueUrl"]
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
url = sqs.create_queue(QueueName=name, Attributes={
    "VisibilityTimeout": "1800",
    "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"}),
})["QueueUrl"]
arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
    "QueueConfigurations": [{
        "Id": "ArticleUploaded", "QueueArn": arn, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "articles/"}]}},
    }],
})
print(url)

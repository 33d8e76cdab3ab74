#!/usr/bin/env bash
# Creates the timers table and its sparse "due" index when they are missing; does nothing when the table
# exists. LocalStack runs it as a ready hook (through awslocal); setup.sh and test.sh run it against
# dynalite, and operators can run it against real AWS:
#   TIMERS_TABLE=timers AWS_REGION=eu-west-1 localstack-init/ready.d/create-timers-table.sh
# TIMERS_DYNAMODB_ENDPOINT: the emulator's URL; unset means awslocal when present, else real AWS.
set -euo pipefail

table="${TIMERS_TABLE:-timers}"
if [ -n "${TIMERS_DYNAMODB_ENDPOINT:-}" ]; then
  export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-${AWS_REGION:-us-east-1}}"
  aws=(aws --endpoint-url "$TIMERS_DYNAMODB_ENDPOINT")
elif command -v awslocal >/dev/null 2>&1; then
  aws=(awslocal)
else
  aws=(aws)
fi

if "${aws[@]}" dynamodb describe-table --table-name "$table" >/dev/null 2>&1; then
  echo "DynamoDB table '$table' exists"
  exit 0
fi

# The index holds an item only while it has dueShard, which the services set on pending timers alone.
"${aws[@]}" dynamodb create-table \
  --table-name "$table" \
  --billing-mode PAY_PER_REQUEST \
  --attribute-definitions \
      AttributeName=id,AttributeType=S \
      AttributeName=dueShard,AttributeType=S \
      AttributeName=fireAt,AttributeType=N \
  --key-schema AttributeName=id,KeyType=HASH \
  --global-secondary-indexes \
      'IndexName=due,KeySchema=[{AttributeName=dueShard,KeyType=HASH},{AttributeName=fireAt,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
  >/dev/null
"${aws[@]}" dynamodb wait table-exists --table-name "$table"
echo "DynamoDB table '$table' created"

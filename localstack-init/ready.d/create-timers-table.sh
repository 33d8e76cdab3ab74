#!/usr/bin/env bash
# Creates the timers table and its indexes ("due", "pending", "owner", "unpublished") when they are missing; does nothing when the table
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

# "due" and "pending" hold an item only while it has dueShard and pendingOwner, which the services set on pending
# timers alone: "due" for the rescuer, "pending" (keys only) to count an owner's pending timers. "unpublished"
# (keys only) holds a waiting timer only while its wake-up is not in the broker (publishShard): what the feeder
# publishes. "owner" lists each owner's timers newest first, projecting only what a list shows (never bodies or
# headers: the index is written with every write of a timer). A table made before "pending", "owner" or
# "unpublished" existed is not changed here: the services' start-up check says how to add the index in place.
"${aws[@]}" dynamodb create-table \
  --table-name "$table" \
  --billing-mode PAY_PER_REQUEST \
  --attribute-definitions \
      AttributeName=id,AttributeType=S \
      AttributeName=dueShard,AttributeType=S \
      AttributeName=fireAt,AttributeType=N \
      AttributeName=pendingOwner,AttributeType=S \
      AttributeName=ownedBy,AttributeType=S \
      AttributeName=createdAt,AttributeType=N \
      AttributeName=publishShard,AttributeType=S \
  --key-schema AttributeName=id,KeyType=HASH \
  --global-secondary-indexes \
      'IndexName=due,KeySchema=[{AttributeName=dueShard,KeyType=HASH},{AttributeName=fireAt,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
      'IndexName=pending,KeySchema=[{AttributeName=pendingOwner,KeyType=HASH}],Projection={ProjectionType=KEYS_ONLY}' \
      'IndexName=owner,KeySchema=[{AttributeName=ownedBy,KeyType=HASH},{AttributeName=createdAt,KeyType=RANGE}],Projection={ProjectionType=INCLUDE,NonKeyAttributes=[status,fireAt,url,method,metadata,deliveredAt,lastError,attemptCount]}' \
      'IndexName=unpublished,KeySchema=[{AttributeName=publishShard,KeyType=HASH},{AttributeName=fireAt,KeyType=RANGE}],Projection={ProjectionType=KEYS_ONLY}' \
  >/dev/null
"${aws[@]}" dynamodb wait table-exists --table-name "$table"
# Finished timers (delivered, failed, skipped, cancelled; set by the write that ends them, to the end of
# timers.retention) and idempotency keys carry expiresAt (epoch seconds); DynamoDB removes them once it has passed.
# Emulators without time to live (dynalite has no UpdateTimeToLive) keep them, which costs only space: an expired
# key is taken again all the same, and the services' start-up check warns with the command that turns it on.
"${aws[@]}" dynamodb update-time-to-live --table-name "$table" \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt >/dev/null 2>&1 \
  || echo "DynamoDB at this endpoint has no time to live: finished timers and expired idempotency keys stay until the table is reset"
echo "DynamoDB table '$table' created"

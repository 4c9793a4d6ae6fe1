#!/usr/bin/env bash
# Terraform itself, with the aliyun/alicloud provider, against the cloudapi-mock binary.
#
# Builds, once per pin and outside this repository (under $CLOUDAPI_MOCK_TOOLS, by default
# ~/.cache/cloudapi-mock), Terraform 1.5.7 (the last MPL-licensed release) with
# `go install github.com/hashicorp/terraform@v1.5.7`, and the provider from provider/go.mod
# and go.sum (a module whose only requirement is the provider, pinned; `go install` of the
# provider itself fails, see docs/clients.md) into a filesystem mirror; builds the mock and
# scripts/go-compat (which acts behind Terraform's back), starts the mock on a free loopback
# port, and runs Terraform with a CLI configuration of its own (the mirror, no checkpoint
# calls). One line per check; ends with "N passed, M failed". Exits non-zero if any failed.
#
#   bash scripts/terraform/run.sh
#
# CLOUDAPI_MOCK_TF_SLOW=1 adds the app's drift check, which takes the provider's five minutes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib/mock.sh"
root="$lib_root"

export GOTOOLCHAIN=local
terraform_version=1.5.7
provider_version="$(sed -n 's/^\s*github.com\/aliyun\/terraform-provider-alicloud v\([0-9.]*\).*/\1/p' "$here/provider/go.mod")"
tools="${CLOUDAPI_MOCK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudapi-mock}"
go_version="$(go env GOVERSION)"

# --- Terraform ------------------------------------------------------------------------
tf_dir="$tools/terraform-$terraform_version-$go_version"
terraform="$tf_dir/terraform"
if [[ ! -x "$terraform" ]]; then
    say "building Terraform $terraform_version (go install; the first build takes minutes)"
    start=$SECONDS
    GOBIN="$tf_dir" nice go install "github.com/hashicorp/terraform@v$terraform_version"
    say "built Terraform in $((SECONDS - start)) s"
else
    say "Terraform $terraform_version already built in $tf_dir"
fi

# --- the provider, in a filesystem mirror ---------------------------------------------
pins="$(cat "$here/provider/go.mod" "$here/provider/go.sum" | sha256sum | cut -c1-16)"
mirror="$tools/tf-mirror-$pins-$go_version"
provider="$mirror/registry.terraform.io/aliyun/alicloud/$provider_version/linux_amd64/terraform-provider-alicloud_v$provider_version"
if [[ ! -x "$provider" ]]; then
    say "building terraform-provider-alicloud $provider_version (provider/go.mod; the first build takes minutes)"
    start=$SECONDS
    mkdir -p "$(dirname "$provider")"
    (cd "$here/provider" && GOFLAGS=-mod=readonly nice go build -o "$provider.partial" github.com/aliyun/terraform-provider-alicloud)
    mv "$provider.partial" "$provider"
    say "built the provider in $((SECONDS - start)) s"
else
    say "terraform-provider-alicloud $provider_version already built in $mirror"
fi

# --- what acts behind Terraform's back ------------------------------------------------
go_compat="${CARGO_TARGET_DIR:-$root/target}/go-compat/go-compat"
(cd "$here/../go-compat" && GOFLAGS=-mod=readonly nice go build -o "$go_compat" .)

mock_build
work="$(mktemp -d)"
mock_start "$work"

cat >"$work/cli.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/aliyun/alicloud"]
  }
}
EOF
# Terraform never reaches out (no checkpoint, no prompt); both it and the provider read
# HTTP_PROXY: every proxy variable is cleared for them.
tf_env=("${no_proxy_env[@]}" TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1
    TF_IN_AUTOMATION=1 TF_INPUT=0 TF_VAR_endpoint="$mock_endpoint" TF_DATA_DIR=.terraform)

skipped=0
ok() { record "ok   terraform        $1"; }
fail() {
    record "FAIL terraform        $1"
    if [[ -n "${2:-}" && -f "$2" ]]; then
        sed 's/^/  | /' "$2" | tail -n 30
    fi
}

# tf DIR LOG ARGS...: terraform ARGS in DIR, its output in LOG; answers terraform's status.
tf() {
    local dir="$1" log="$2" rc=0
    shift 2
    (cd "$dir" && "${tf_env[@]}" "$terraform" "$@" -no-color) >"$log" 2>&1 || rc=$?
    return "$rc"
}

# plan_exit DIR LOG: terraform plan -detailed-exitcode: 0 no changes, 2 changes, 1 error.
plan_exit() {
    local rc=0
    tf "$1" "$2" plan -detailed-exitcode -input=false || rc=$?
    echo "$rc"
}

state_apps() { admin GET /_mock/state | jq -c '[.scopes[].apps[] | {id, name, description, tags}]'; }
state_groups() { admin GET /_mock/state | jq -c '[.scopes[] | (.groups // [])[] | {id, name, description}]'; }
state_apis() {
    admin GET /_mock/state | jq -c '[.scopes[] | (.apis // [])[] | {id, group: .group_id, name: .definition.name,
        description: .definition.description, mock: .definition.service_config.mock,
        result: .definition.service_config.mock_result, stages: (.running | keys), publications: (.history | length)}]'
}

# --- apply, plan again, destroy -------------------------------------------------------
say "Terraform $terraform_version, aliyun/alicloud $provider_version"
main="$work/main"
mkdir -p "$main"
cp "$here/module/main.tf" "$main/"

if tf "$main" "$work/init.log" init -input=false; then
    ok "terraform init installs aliyun/alicloud $provider_version from the filesystem mirror"
else
    fail "terraform init installs aliyun/alicloud $provider_version from the filesystem mirror" "$work/init.log"
fi

applied=""
if tf "$main" "$work/apply.log" apply -auto-approve -input=false; then
    app_id="$(cd "$main" && "${tf_env[@]}" "$terraform" output -raw app_id)"
    group_id="$(cd "$main" && "${tf_env[@]}" "$terraform" output -raw group_id)"
    apps="$(state_apps)"
    expected_app="$(jq -cn --argjson id "$app_id" '[{id: $id, name: "tf_compat_应用",
        description: "made by Terraform: a+b=c & d/e (f) '"'g'"' !h ~i *j 100% 中文描述",
        tags: [{key: "env", value: "compat test"}, {key: "owner * ~ + /", value: "值 = 负责人 / a+b"}]}]')"
    if [[ "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$apps")" == "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$expected_app")" ]]; then
        ok "terraform apply creates the app (name, description, tags as GET /_mock/state holds them)"
        applied=1
        first_app="$expected_app"
    else
        fail "terraform apply creates the app: GET /_mock/state holds $apps, expected $expected_app"
    fi
    groups="$(state_groups)"
    expected_groups="$(jq -cn --arg id "$group_id" '[{id: $id, name: "tf_compat_group", description: "made by Terraform: 分组 & a+b=c"}]')"
    if [[ "$groups" == "$expected_groups" ]]; then
        ok "terraform apply creates the API group (name, description as GET /_mock/state holds them)"
    else
        fail "terraform apply creates the API group: GET /_mock/state holds $groups, expected $expected_groups"
    fi
    api_id="$(cd "$main" && "${tf_env[@]}" "$terraform" output -raw api_id)"
    apis="$(state_apis)"
    expected_apis="$(jq -cn --arg id "$api_id" --arg group "$group_id" '[{id: $id, group: $group, name: "tf_compat_mock_api",
        description: "made by Terraform: a Mock backend", mock: true, result: "{\"forecast\":\"sunny\"}",
        stages: ["RELEASE"], publications: 1}]')"
    if [[ "$apis" == "$expected_apis" ]]; then
        ok "terraform apply creates the Mock-backend API in the group and deploys it to RELEASE"
    else
        fail "terraform apply creates the Mock-backend API: GET /_mock/state holds $apis, expected $expected_apis"
    fi
else
    fail "terraform apply" "$work/apply.log"
fi

if [[ -n "$applied" ]]; then
    rc="$(plan_exit "$main" "$work/plan.log")"
    if [[ "$rc" == 0 ]]; then
        ok "a second terraform plan shows no changes"
    else
        fail "a second terraform plan shows no changes (plan -detailed-exitcode answered $rc)" "$work/plan.log"
    fi

    # A change of description and tags: ModifyApp (with the app's own name), UntagResources
    # of the changed and removed keys, TagResources of the new set.
    changed_description="changed by Terraform: 修改 & a+b=c"
    if tf "$main" "$work/change.log" apply -auto-approve -input=false \
        -var "app_description=$changed_description" -var 'app_tags={"env":"changed","team":"平台 * ~ ( ) !"}' \
        -var "api_description=$changed_description"; then
        # The API: ModifyApi of the whole definition, then DeployApi to RELEASE again.
        apis="$(state_apis)"
        if [[ "$(jq -c '.[0] | [.description, .stages, .publications]' <<<"$apis")" == "$(jq -cn --arg d "$changed_description" '[$d, ["RELEASE"], 2]')" ]]; then
            ok "terraform apply of a changed description modifies the API and deploys it to RELEASE again"
        else
            fail "terraform apply of a changed API description: GET /_mock/state holds $apis"
        fi
        apps="$(state_apps)"
        expected_app="$(jq -cn --argjson id "$app_id" --arg d "$changed_description" '[{id: $id, name: "tf_compat_应用",
            description: $d, tags: [{key: "env", value: "changed"}, {key: "team", value: "平台 * ~ ( ) !"}]}]')"
        if [[ "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$apps")" == "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$expected_app")" ]]; then
            ok "terraform apply of a changed description and tags updates the app in place"
        else
            fail "terraform apply of a changed description and tags: GET /_mock/state holds $apps, expected $expected_app"
        fi
        rc=0
        tf "$main" "$work/change-plan.log" plan -detailed-exitcode -input=false \
            -var "app_description=$changed_description" -var 'app_tags={"env":"changed","team":"平台 * ~ ( ) !"}' \
            -var "api_description=$changed_description" || rc=$?
        if [[ "$rc" == 0 ]]; then
            ok "terraform plan after the change shows no changes"
        else
            fail "terraform plan after the change shows no changes (plan -detailed-exitcode answered $rc)" "$work/change-plan.log"
        fi
        # Back to the module's own values, for the checks below.
        if tf "$main" "$work/back.log" apply -auto-approve -input=false \
            && [[ "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$(state_apps)")" == "$(jq -c 'map(.tags |= sort_by(.key))' <<<"$first_app")" ]]; then
            ok "terraform apply of the first values again restores the app's description and tags"
        else
            fail "terraform apply of the first values again restores the app's description and tags" "$work/back.log"
        fi
    else
        fail "terraform apply of a changed description and tags" "$work/change.log"
    fi

    # Drift: the group deleted behind Terraform's back, its API first (abolished from its
    # stages, deleted: a group that holds APIs cannot be deleted); both Reads forget what is
    # not found, so the plan wants both again.
    if "${no_proxy_env[@]}" "$go_compat" delete-api "$mock_endpoint" "$group_id" "$api_id" >"$work/drift.log" 2>&1 \
        && "${no_proxy_env[@]}" "$go_compat" delete-group "$mock_endpoint" "$group_id" >>"$work/drift.log" 2>&1; then
        rc="$(plan_exit "$main" "$work/drift-plan.log")"
        if [[ "$rc" == 2 ]] && grep -q 'alicloud_api_gateway_group.group will be created' "$work/drift-plan.log" \
            && grep -q 'alicloud_api_gateway_api.api will be created' "$work/drift-plan.log" \
            && grep -q 'Plan: 2 to add, 0 to change, 0 to destroy' "$work/drift-plan.log"; then
            ok "the group and its API deleted behind Terraform's back: terraform plan wants to create both again"
        else
            fail "the group and its API deleted behind Terraform's back: terraform plan wants to create both again (plan answered $rc)" "$work/drift-plan.log"
        fi
        if tf "$main" "$work/reapply.log" apply -auto-approve -input=false \
            && [[ "$(plan_exit "$main" "$work/plan2.log")" == 0 ]]; then
            ok "terraform apply creates the group again, and the next plan shows no changes"
        else
            fail "terraform apply creates the group again, and the next plan shows no changes" "$work/reapply.log"
        fi
    else
        fail "AbolishApi, DeleteApi and DeleteApiGroup behind Terraform's back" "$work/drift.log"
    fi
fi

if tf "$main" "$work/destroy.log" destroy -auto-approve -input=false; then
    ok "terraform destroy"
else
    fail "terraform destroy" "$work/destroy.log"
fi
expect_nothing_left terraform-destroy
if [[ "$(state_apis)" == "[]" ]]; then
    ok "terraform destroy abolishes and deletes the API: GET /_mock/state holds no API"
else
    fail "terraform destroy abolishes and deletes the API: GET /_mock/state still holds $(state_apis)"
fi

# --- app attachments ------------------------------------------------------------------
# shellcheck source=attachment.sh
source "$here/attachment.sh"

# --- import ---------------------------------------------------------------------------
imp="$work/import"
mkdir -p "$imp"
cp "$here/import/main.tf" "$imp/"
if made="$("${no_proxy_env[@]}" "$go_compat" create "$mock_endpoint" tf_imported_app "made outside Terraform" 2>"$work/create.log")"; then
    tf "$imp" "$work/import-init.log" init -input=false || true
    if tf "$imp" "$work/import.log" import -input=false alicloud_api_gateway_app.imported "$made"; then
        ok "terraform import of an app made outside Terraform (AppId $made)"
        rc="$(plan_exit "$imp" "$work/import-plan.log")"
        if [[ "$rc" == 0 ]]; then
            ok "terraform plan after the import shows no changes"
        else
            fail "terraform plan after the import shows no changes (plan -detailed-exitcode answered $rc)" "$work/import-plan.log"
        fi
    else
        fail "terraform import of an app made outside Terraform (AppId $made)" "$work/import.log"
    fi
    if tf "$imp" "$work/import-destroy.log" destroy -auto-approve -input=false; then
        ok "terraform destroy of the imported app"
    else
        fail "terraform destroy of the imported app" "$work/import-destroy.log"
    fi
    expect_nothing_left terraform-import
else
    fail "CreateApp outside Terraform, to import" "$work/create.log"
fi

# --- the app's drift: slow, on request ------------------------------------------------
# The provider's app Read never forgets an app that is gone: it retries ListTagResources on
# NotFoundResourceId for five minutes, then fails. So an app deleted behind Terraform's back
# makes plan fail, after five minutes, instead of planning to create it again.
drift="the app deleted behind Terraform's back: terraform plan retries ListTagResources for 5 minutes, then fails with NotFoundResourceId"
if [[ -n "${CLOUDAPI_MOCK_TF_SLOW:-}" ]]; then
    slow="$work/slow"
    mkdir -p "$slow"
    cp "$here/import/main.tf" "$slow/"
    made="$("${no_proxy_env[@]}" "$go_compat" create "$mock_endpoint" tf_imported_app "made outside Terraform")"
    tf "$slow" "$work/slow-init.log" init -input=false || true
    tf "$slow" "$work/slow-import.log" import -input=false alicloud_api_gateway_app.imported "$made" || true
    "${no_proxy_env[@]}" "$go_compat" delete "$mock_endpoint" "$made"
    start=$SECONDS
    rc="$(plan_exit "$slow" "$work/slow-plan.log")"
    if [[ "$rc" == 1 ]] && grep -q NotFoundResourceId "$work/slow-plan.log"; then
        ok "$drift ($((SECONDS - start)) s)"
    else
        fail "$drift (plan answered $rc after $((SECONDS - start)) s)" "$work/slow-plan.log"
    fi
    (cd "$slow" && "${tf_env[@]}" "$terraform" state rm -no-color alicloud_api_gateway_app.imported >/dev/null)
else
    echo "skip terraform        $drift (CLOUDAPI_MOCK_TF_SLOW=1 runs it)"
    skipped=1
fi

passed="$(grep -c '^ok ' "$results" || true)"
failed="$(grep -c '^FAIL ' "$results" || true)"
if ((failed > 0)); then
    say "the mock's answers other than 200 (from its log)"
    sed 's/\x1b\[[0-9;]*m//g' "$mock_work/mock.out" | grep ' request ' | grep -v 'status=200' | tail -n 100 || true
fi
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))

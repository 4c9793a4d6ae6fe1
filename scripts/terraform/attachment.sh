# Sourced by run.sh: alicloud_api_gateway_app_attachment, applied, planned again, destroyed
# (the module in attachment/). Uses run.sh's tf, plan_exit, ok, fail, admin and $work.

state_authorizations() {
    admin GET /_mock/state | jq -c '[.scopes[] | (.authorizations // [])[] | {app: .app_id, api: .api_id, stage}] | sort_by(.stage)'
}

attach="$work/attachment"
mkdir -p "$attach"
cp "$here/attachment/main.tf" "$attach/"
tf "$attach" "$work/attach-init.log" init -input=false || true
attach_applied=""
if tf "$attach" "$work/attach-apply.log" apply -auto-approve -input=false; then
    attach_app="$(cd "$attach" && "${tf_env[@]}" "$terraform" output -raw app_id)"
    attach_api="$(cd "$attach" && "${tf_env[@]}" "$terraform" output -raw api_id)"
    held="$(state_authorizations)"
    expected="$(jq -cn --argjson app "$attach_app" --arg api "$attach_api" \
        '[{app: $app, api: $api, stage: "PRE"}, {app: $app, api: $api, stage: "RELEASE"}]')"
    if [[ "$held" == "$expected" ]]; then
        ok "terraform apply attaches the app to an API never deployed, in PRE and RELEASE (GET /_mock/state holds the two authorizations)"
        attach_applied=1
    else
        fail "terraform apply of the app attachments: GET /_mock/state holds $held, expected $expected"
    fi
else
    fail "terraform apply of the app attachments" "$work/attach-apply.log"
fi

if [[ -n "$attach_applied" ]]; then
    rc="$(plan_exit "$attach" "$work/attach-plan.log")"
    if [[ "$rc" == 0 ]]; then
        ok "a second terraform plan of the app attachments shows no changes"
    else
        fail "a second terraform plan of the app attachments shows no changes (plan -detailed-exitcode answered $rc)" "$work/attach-plan.log"
    fi
fi

if tf "$attach" "$work/attach-destroy.log" destroy -auto-approve -input=false; then
    if [[ "$(state_authorizations)" == "[]" ]]; then
        ok "terraform destroy detaches the app (RemoveAppsAuthorities, then DescribeAuthorizedApps until it is gone) and deletes the rest"
    else
        fail "terraform destroy of the app attachments: GET /_mock/state still holds $(state_authorizations)"
    fi
else
    fail "terraform destroy of the app attachments" "$work/attach-destroy.log"
fi
expect_nothing_left terraform-attachment

@traffic_control @data_plane
Feature: The second-level domain's daily cap
  "The second-level domain is for testing: calls through it are capped per day, 1,000 in
  Chinese mainland regions and 100 in other regions (China (Hong Kong) included)" (the
  domain docs and the limits page; reference/data-plane.md part 1.1). The mock caps them so
  by default and can be told another number, or none (`--domain-daily-cap-mainland`,
  `--domain-daily-cap-elsewhere`).
  Inferred: the code T429ID and the status 429 (the classic instances answered
  `Throttled by DOMAIN Flow Control` with 403); the day starts at midnight UTC.

  @inferred @mock-only
  Scenario: The second-level domain's daily cap
    Given the mock caps calls through a second-level domain at 5 a day
    And the mock's clock stands still
    And an app named "tc_daily"
    And an API group named "tc_capped_group"
    And the group "tc_capped_group" publishes the API "tc_daily_api" in RELEASE:
      | field      | value  |
      | Path       | /daily |
      | MockResult | daily  |
    And the app "tc_daily" is authorized to call "tc_daily_api" in RELEASE
    When the app "tc_daily" calls "GET /daily" on the group "tc_capped_group" 7 times
    Then 5 of the calls are answered 200 and 2 refused with 429 "T429ID"
    And the gateway's error message is "Throttled by DOMAIN Flow Control"
    When the mock's clock moves 86400 seconds forward
    And the app "tc_daily" calls "GET /daily" on the group "tc_capped_group"
    Then the gateway answers 200

package dev.gantrack.api.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.PublicApi;

/** One logged value of a signal and the step it was logged at. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record LoggedValue(@JsonProperty("step") long step, @JsonProperty("value") double value) {}

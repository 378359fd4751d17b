package dev.gantrack.trackers.tensorboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HParams plugin's summaries, exactly as {@code tensorboard.plugins.hparams.summary_v2} and
 * {@code summary} write them: a session start (a run's hyperparameters), the experiment (the
 * dashboard's columns) and a session end (how the run ended). Each is an {@code HParamsPluginData}
 * in the value's plugin metadata, over the plugin's {@code NULL_TENSOR}; what they mean for
 * TensorBoard is told at {@link EventFileWriter#hparamsSessionStart}, {@link
 * EventFileWriter#hparamsExperiment} and {@link EventFileWriter#hparamsSessionEnd}.
 */
final class HparamsSummaries {
  // tensorboard.hparams.DataType
  private static final int STRING = 1;
  private static final int BOOL = 2;
  private static final int FLOAT64 = 3;

  private HparamsSummaries() {}

  /** The session start: name → value (sorted by name), the session group and the start time. */
  static ProtoWriter sessionStart(Map<String, ?> hparams, String groupName, double startTimeSecs) {
    ProtoWriter start = new ProtoWriter();
    for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
      start.message(1, new ProtoWriter().string(1, e.getKey()).message(2, protobufValue(e.getValue())));
    }
    start.stringIfSet(4, groupName).doubleField(5, startTimeSecs);
    return summary(EventFileWriter.HPARAMS_SESSION_START_TAG, new ProtoWriter().message(3, start));
  }

  /**
   * The experiment: one {@code HParamInfo} per hyperparameter (sorted by name, typed and with the
   * domain of its one value) and one metric per scalar tag of this run directory (group "").
   */
  static ProtoWriter experiment(Map<String, ?> hparams, List<String> metricTags, double timeCreatedSecs) {
    ProtoWriter experiment = new ProtoWriter().doubleField(3, timeCreatedSecs);
    for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
      experiment.message(4, hparamInfo(e.getKey(), e.getValue()));
    }
    for (String tag : metricTags) {
      ProtoWriter name = new ProtoWriter().string(1, "").string(2, tag);
      experiment.message(5, new ProtoWriter().message(1, name));
    }
    return summary(EventFileWriter.HPARAMS_EXPERIMENT_TAG, new ProtoWriter().message(2, experiment));
  }

  /** The session end: the status and the end time. */
  static ProtoWriter sessionEnd(EventFileWriter.SessionStatus status, double endTimeSecs) {
    ProtoWriter end = new ProtoWriter().varint(1, status.number()).doubleField(2, endTimeSecs);
    return summary(EventFileWriter.HPARAMS_SESSION_END_TAG, new ProtoWriter().message(4, end));
  }

  private static ProtoWriter summary(String tag, ProtoWriter pluginData) {
    // HParamsPluginData.version (field 1) is PLUGIN_DATA_VERSION = 0, i.e. left out.
    return Summaries.value(
        new ProtoWriter()
            .string(1, tag)
            .message(9, Summaries.pluginMetadata("hparams", pluginData.toByteArray()))
            .message(8, nullTensor()));
  }

  /** The hparams plugin's {@code NULL_TENSOR}: an empty float vector, shape [0]. */
  private static ProtoWriter nullTensor() {
    ProtoWriter shape = new ProtoWriter().message(2, new ProtoWriter());
    return new ProtoWriter().varint(1, Summaries.DT_FLOAT).message(2, shape);
  }

  /** A {@code google.protobuf.Value}: number_value = 2, string_value = 3, bool_value = 4. */
  private static ProtoWriter protobufValue(Object v) {
    if (v instanceof Boolean b) {
      return new ProtoWriter().bool(4, b);
    }
    if (v instanceof Number n) {
      return new ProtoWriter().doubleField(2, n.doubleValue());
    }
    return new ProtoWriter().string(3, String.valueOf(v));
  }

  /**
   * An {@code HParamInfo} typed by its value: booleans get the domain {false, true}, strings the
   * discrete domain of their value, finite numbers the interval [value, value].
   */
  private static ProtoWriter hparamInfo(String name, Object v) {
    ProtoWriter info = new ProtoWriter().string(1, name);
    if (v instanceof Boolean) {
      info.varint(4, BOOL)
          .message(5, new ProtoWriter()
              .message(1, protobufValue(false))
              .message(1, protobufValue(true)));
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      info.varint(4, FLOAT64);
      if (Double.isFinite(d)) {
        info.message(6, new ProtoWriter().doubleField(1, d).doubleField(2, d));
      }
    } else {
      info.varint(4, STRING).message(5, new ProtoWriter().message(1, protobufValue(v)));
    }
    return info;
  }
}

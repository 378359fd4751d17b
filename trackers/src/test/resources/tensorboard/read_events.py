"""Reads a TensorBoard logdir with TensorBoard's own readers and prints what they see as JSON.

Usage: python read_events.py LOGDIR

Three views, so a writer is checked against every path TensorBoard uses:
  "records":  the raw TFRecord stream of every event file, CRCs checked with TensorBoard's
              masked_crc32c, each record parsed as tensorboard.Event;
  "legacy":   event_accumulator.EventAccumulator per run (keeps everything);
  "provider": plugin_event_multiplexer + MultiplexerDataProvider (what `tensorboard --logdir`
              serves), plus the hparams, custom-scalars and text plugins' own request handlers.
NaN and infinities are printed as the JSON extensions NaN / Infinity / -Infinity.
"""

import base64
import glob
import json
import os
import struct
import sys

from google.protobuf import json_format
from tensorboard import context
from tensorboard.backend.event_processing import data_provider as dp
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from tensorboard.plugins import base_plugin
from tensorboard.plugins.custom_scalar import custom_scalars_plugin
from tensorboard.plugins.custom_scalar import layout_pb2
from tensorboard.plugins.custom_scalar import metadata as cs_metadata
from tensorboard.plugins.hparams import api_pb2
from tensorboard.plugins.hparams import backend_context
from tensorboard.plugins.hparams import get_experiment
from tensorboard.plugins.hparams import list_session_groups
from tensorboard.plugins.hparams import metadata as hp_metadata
from tensorboard.plugins.text import text_plugin
from tensorboard.util import tensor_util


def to_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def read_records(path):
    """The raw TFRecord stream: every record's CRCs checked, every record parsed."""
    events, errors = [], []
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        if len(data) - pos < 12:
            errors.append("truncated header at %d" % pos)
            break
        header = data[pos : pos + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[pos + 8 : pos + 12])
        if header_crc != masked_crc32c(header):
            errors.append("header crc at %d" % pos)
        body = data[pos + 12 : pos + 12 + length]
        if len(body) < length or len(data) < pos + 16 + length:
            errors.append("truncated record at %d" % pos)
            break
        (body_crc,) = struct.unpack("<I", data[pos + 12 + length : pos + 16 + length])
        if body_crc != masked_crc32c(body):
            errors.append("data crc at %d" % pos)
        event = event_pb2.Event()
        event.ParseFromString(body)
        events.append(event)
        pos += 16 + length
    return {
        "count": len(events),
        "errors": errors,
        "first": {
            "wall_time": events[0].wall_time if events else None,
            "file_version": events[0].file_version if events else None,
        },
        "what": [e.WhichOneof("what") for e in events],
        "steps": [e.step for e in events],
        "wall_times": [e.wall_time for e in events],
    }


def string_tensor(tensor_proto):
    value = tensor_util.make_ndarray(tensor_proto)
    return {"shape": list(value.shape), "value": value.item() if value.shape == () else None}


def legacy_view(run_dir):
    acc = ea.EventAccumulator(
        run_dir, size_guidance={k: 0 for k in ea.STORE_EVERYTHING_SIZE_GUIDANCE}
    )
    acc.Reload()
    tags = acc.Tags()
    out = {
        "file_version": acc.file_version,
        "tags": {k: v for k, v in tags.items() if isinstance(v, list)},
        "scalars": {
            t: [[e.step, e.wall_time, e.value] for e in acc.Scalars(t)] for t in tags["scalars"]
        },
        "images": {
            t: [
                {
                    "step": e.step,
                    "width": e.width,
                    "height": e.height,
                    "png": base64.b64encode(e.encoded_image_string).decode("ascii"),
                }
                for e in acc.Images(t)
            ]
            for t in tags["images"]
        },
        "histograms": {
            t: [
                {
                    "step": e.step,
                    "min": e.histogram_value.min,
                    "max": e.histogram_value.max,
                    "num": e.histogram_value.num,
                    "sum": e.histogram_value.sum,
                    "sum_squares": e.histogram_value.sum_squares,
                    "bucket_limit": list(e.histogram_value.bucket_limit),
                    "bucket": list(e.histogram_value.bucket),
                }
                for e in acc.Histograms(t)
            ]
            for t in tags["histograms"]
        },
        "text": {},
        "custom_scalars_layout": None,
        "hparams": {},
    }
    for tag in acc.PluginTagToContent("text"):
        tensors = acc.Tensors(tag)
        out["text"][tag] = [
            {"step": t.step, **_decode(string_tensor(t.tensor_proto))} for t in tensors
        ]
    if cs_metadata.CONFIG_SUMMARY_TAG in acc.PluginTagToContent(cs_metadata.PLUGIN_NAME):
        tensor = acc.Tensors(cs_metadata.CONFIG_SUMMARY_TAG)[0].tensor_proto
        layout = layout_pb2.Layout()
        layout.ParseFromString(tensor_util.make_ndarray(tensor).item())
        out["custom_scalars_layout"] = to_dict(layout)
    contents = acc.PluginTagToContent(hp_metadata.PLUGIN_NAME)
    parsers = {
        hp_metadata.SESSION_START_INFO_TAG: hp_metadata.parse_session_start_info_plugin_data,
        hp_metadata.SESSION_END_INFO_TAG: hp_metadata.parse_session_end_info_plugin_data,
        hp_metadata.EXPERIMENT_TAG: hp_metadata.parse_experiment_plugin_data,
    }
    for tag, content in contents.items():
        out["hparams"][tag] = to_dict(parsers[tag](content))
    return out


def _decode(t):
    v = t["value"]
    return {"shape": t["shape"], "value": v.decode("utf-8") if isinstance(v, bytes) else v}


def provider_view(logdir):
    multiplexer = pem.EventMultiplexer(size_guidance={"tensors": 0}, tensor_size_guidance={})
    multiplexer.AddRunsFromDirectory(logdir)
    multiplexer.Reload()
    provider = dp.MultiplexerDataProvider(multiplexer, logdir)
    ctx = context.RequestContext()
    many = 10**9

    out = {"runs": sorted(r.run_name for r in provider.list_runs(ctx, experiment_id=""))}
    out["scalars"] = {
        run: {tag: [[d.step, d.wall_time, d.value] for d in data] for tag, data in tags.items()}
        for run, tags in provider.read_scalars(
            ctx, experiment_id="", plugin_name="scalars", downsample=many
        ).items()
    }
    images = {}
    for run, tags in provider.read_blob_sequences(
        ctx, experiment_id="", plugin_name="images", downsample=many
    ).items():
        images[run] = {}
        for tag, data in tags.items():
            images[run][tag] = []
            for datum in data:
                blobs = [provider.read_blob(ctx, blob_key=b.blob_key) for b in datum.values]
                images[run][tag].append(
                    {
                        "step": datum.step,
                        "width": int(blobs[0]),
                        "height": int(blobs[1]),
                        "png": base64.b64encode(blobs[2]).decode("ascii"),
                    }
                )
    out["images"] = images
    out["histograms"] = {
        run: {
            tag: [
                {"step": d.step, "buckets": d.numpy.tolist()} for d in data
            ]
            for tag, data in tags.items()
        }
        for run, tags in provider.read_tensors(
            ctx, experiment_id="", plugin_name="histograms", downsample=many
        ).items()
    }

    tb_context = base_plugin.TBContext(
        data_provider=provider, logdir=logdir, multiplexer=multiplexer
    )
    text = text_plugin.TextPlugin(tb_context)
    out["text_html"] = {
        run: {
            tag: [e["text"] for e in text.text_impl(ctx, run, tag, "", True)]
            for tag in tags
        }
        for run, tags in text.index_impl(ctx, "").items()
    }
    cs = custom_scalars_plugin.CustomScalarsPlugin(tb_context)
    layout = cs.layout_impl(ctx, "")  # the JSON text the dashboard receives, or {} if none
    out["custom_scalars_layout"] = json.loads(layout) if isinstance(layout, str) else layout

    hparams = backend_context.Context(tb_context)
    experiment = get_experiment.Handler(
        ctx, hparams, "", api_pb2.GetExperimentRequest()
    ).run()
    all_statuses = [
        api_pb2.STATUS_UNKNOWN,
        api_pb2.STATUS_SUCCESS,
        api_pb2.STATUS_FAILURE,
        api_pb2.STATUS_RUNNING,
    ]
    request = api_pb2.ListSessionGroupsRequest(
        allowed_statuses=all_statuses, start_index=0, slice_size=1000
    )
    for info in experiment.hparam_infos:
        request.col_params.add(hparam=info.name)
    for info in experiment.metric_infos:
        request.col_params.add(metric=info.name)
    groups = list_session_groups.Handler(ctx, hparams, "", request).run()
    out["hparams"] = {"experiment": to_dict(experiment), "session_groups": to_dict(groups)}
    return out


def main():
    logdir = os.path.abspath(sys.argv[1])
    files = sorted(glob.glob(os.path.join(logdir, "**", "*tfevents*"), recursive=True))
    result = {
        "records": {os.path.relpath(f, logdir): read_records(f) for f in files},
        "legacy": {},
        "provider": provider_view(logdir),
    }
    for run_dir in sorted({os.path.dirname(f) for f in files}):
        result["legacy"][os.path.relpath(run_dir, logdir)] = legacy_view(run_dir)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

package dev.gantrack.djl.eval;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginTool;
import dev.gantrack.api.PluginType;
import dev.gantrack.djl.eval.classifier.TrainClassifierTool;
import dev.gantrack.djl.eval.extractor.MnistClassifierExtractor;
import dev.gantrack.djl.eval.extractor.TorchScriptExtractor;
import dev.gantrack.djl.eval.metric.ClassCoverageMetric;
import dev.gantrack.djl.eval.metric.DiversityMetric;
import dev.gantrack.djl.eval.metric.FidMetric;
import dev.gantrack.djl.eval.metric.InceptionScoreMetric;
import dev.gantrack.djl.eval.metric.KidMetric;
import dev.gantrack.djl.eval.metric.ModeCountMetric;
import dev.gantrack.djl.eval.metric.PrecisionRecallMetric;
import java.util.List;

/**
 * Contributes the sample-quality metrics and feature extractors of the DJL backend, and the tool
 * that trains the MNIST classifier.
 */
public final class EvalPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.METRIC, FidMetric.TYPE, FidMetric.class,
            "FID: Fréchet distance of the extractor's features, generated vs real (Heusel et al. 2017)"),
        PluginType.of(PluginKind.METRIC, KidMetric.TYPE, KidMetric.class,
            "KID: unbiased polynomial-kernel MMD² of the extractor's features, with its std over subsets"),
        PluginType.of(PluginKind.METRIC, InceptionScoreMetric.TYPE, InceptionScoreMetric.class,
            "Inception Score of the extractor's class probabilities, mean and std over splits"),
        PluginType.of(PluginKind.METRIC, PrecisionRecallMetric.TYPE, PrecisionRecallMetric.class,
            "precision and recall of k-NN feature manifolds (Kynkäänniemi et al. 2019)"),
        PluginType.of(PluginKind.METRIC, ClassCoverageMetric.TYPE, ClassCoverageMetric.class,
            "classes the extractor sees in samples, KL to uniform, share recognised confidently"),
        PluginType.of(PluginKind.METRIC, DiversityMetric.TYPE, DiversityMetric.class,
            "mean pairwise MS-SSIM and LPIPS-style distance of samples, next to the real data's"),
        PluginType.of(PluginKind.METRIC, ModeCountMetric.TYPE, ModeCountMetric.class,
            "Stacked MNIST modes captured of 1,000 and KL to uniform (PacGAN)"),
        PluginType.of(PluginKind.FEATURE_EXTRACTOR, MnistClassifierExtractor.TYPE, MnistClassifierExtractor.class,
            "the shipped MNIST CNN (weights + SHA-256 in gantrack); 28×28 digits, one per channel"),
        PluginType.of(PluginKind.FEATURE_EXTRACTOR, TorchScriptExtractor.TYPE, TorchScriptExtractor.class,
            "any TorchScript file (e.g. pytorch-fid's Inception), input size/channels/normalisation as options"));
  }

  @Override
  public List<PluginTool> tools() {
    return List.of(new TrainClassifierTool());
  }
}

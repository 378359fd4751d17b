package dev.gantrack.experiments.data;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import java.util.List;

/** Contributes the built-in datasets: {@code idx}, {@code image-folder}, {@code ring}, {@code grid}, {@code stacked-mnist}. */
public final class DatasetsPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.DATASET, IdxDataset.TYPE, IdxDataset.class,
            "Images (and labels) from IDX files, gzipped or plain, e.g. MNIST and Fashion-MNIST"),
        PluginType.of(PluginKind.DATASET, ImageFolderDataset.TYPE, ImageFolderDataset.class,
            "PNG/JPEG images from a folder, cropped and resized to squares; subfolders as classes"),
        PluginType.of(PluginKind.DATASET, RingDataset.TYPE, RingDataset.class,
            "2-D ring of 8 Gaussians (mode-collapse benchmark), endless"),
        PluginType.of(PluginKind.DATASET, GridDataset.TYPE, GridDataset.class,
            "2-D 5×5 grid of 25 Gaussians (mode-collapse benchmark), endless"),
        PluginType.of(PluginKind.DATASET, StackedMnistDataset.TYPE, StackedMnistDataset.class,
            "Stacked MNIST: three random digits as the channels of one image, 1,000 modes (Metz et al. 2017)"));
  }
}

package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.DatasetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSpecJsonTest {
  private final ObjectMapper mapper = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.registerSubtypes(
        new NamedType(IdxDataset.class, IdxDataset.TYPE),
        new NamedType(ImageFolderDataset.class, ImageFolderDataset.TYPE),
        new NamedType(RingDataset.class, RingDataset.TYPE),
        new NamedType(GridDataset.class, GridDataset.TYPE),
        new NamedType(StackedMnistDataset.class, StackedMnistDataset.TYPE));
    return mapper;
  }

  private DatasetSpec read(String json) throws Exception {
    return mapper.readValue(json, DatasetSpec.class);
  }

  /** Serialises, checks the JSON, reads it back and checks the result equals the spec. */
  private void assertRoundTrip(DatasetSpec spec, String expectedJson) throws Exception {
    String json = mapper.writeValueAsString(spec);
    assertEquals(mapper.readTree(expectedJson), mapper.readTree(json), json);
    DatasetSpec back = read(json);
    assertEquals(spec, back);
    assertEquals(spec.hashCode(), back.hashCode());
  }

  @Test
  void idxRoundTripsWithOnlyTheOptionsThatAreSet() throws Exception {
    DatasetSpec minimal = read("{\"type\":\"idx\",\"images\":\"a.gz\"}");
    assertRoundTrip(minimal, "{\"type\":\"idx\",\"images\":\"a.gz\"}");
    DatasetSpec full = read("{\"type\":\"idx\",\"images\":\"a.gz\",\"labels\":\"b.gz\",\"limit\":100}");
    assertEquals(new IdxDataset("a.gz", "b.gz", 100), full);
    assertRoundTrip(full, "{\"type\":\"idx\",\"images\":\"a.gz\",\"labels\":\"b.gz\",\"limit\":100}");
    DatasetSpec classes = read("{\"type\":\"idx\",\"images\":\"a.gz\",\"labels\":\"b.gz\",\"classes\":10}");
    assertEquals(new IdxDataset("a.gz", "b.gz", null, 10), classes);
    assertRoundTrip(classes, "{\"type\":\"idx\",\"images\":\"a.gz\",\"labels\":\"b.gz\",\"classes\":10}");
  }

  @Test
  void idxWithoutImagesFailsNamingTheOption() {
    Exception e = assertThrows(Exception.class, () -> read("{\"type\":\"idx\"}"));
    assertTrue(e.getMessage().contains("images: required"), e.getMessage());
  }

  @Test
  void imageFolderRoundTripsWithDefaultsFilledIn() throws Exception {
    DatasetSpec spec = read("{\"type\":\"image-folder\",\"path\":\"faces\"}");
    assertRoundTrip(
        spec,
        "{\"type\":\"image-folder\",\"path\":\"faces\",\"size\":64,\"channels\":3,\"labeled\":false}");
    assertRoundTrip(new ImageFolderDataset("x", 28, 1, true),
        "{\"type\":\"image-folder\",\"path\":\"x\",\"size\":28,\"channels\":1,\"labeled\":true}");
  }

  @Test
  void ringAndGridAreBuiltFromAnEmptyObjectAndRoundTripWithDefaults() throws Exception {
    DatasetSpec ring = read("{\"type\":\"ring\"}");
    assertInstanceOf(RingDataset.class, ring);
    assertRoundTrip(ring, "{\"type\":\"ring\",\"sigma\":0.01,\"radius\":1.0}");
    assertRoundTrip(new RingDataset(0.02, 2.0), "{\"type\":\"ring\",\"sigma\":0.02,\"radius\":2.0}");
    assertRoundTrip(new StackedMnistDataset("d.gz", "l.gz", 100, 7L),
        "{\"type\":\"stacked-mnist\",\"images\":\"d.gz\",\"labels\":\"l.gz\",\"size\":100,\"seed\":7}");
    DatasetSpec grid = read("{\"type\":\"grid\"}");
    assertInstanceOf(GridDataset.class, grid);
    assertRoundTrip(grid, "{\"type\":\"grid\",\"sigma\":0.05}");
  }

  @Test
  void serialisedSpecsNameNoJavaClasses() throws Exception {
    for (DatasetSpec spec : List.of(new IdxDataset("a", "b", 3), new ImageFolderDataset("p", null, null, null),
        new RingDataset(null, null), new GridDataset(null), new StackedMnistDataset("a", "b", 10, 2L))) {
      JsonNode node = mapper.valueToTree(spec);
      assertTrue(!node.toString().contains("dev.gantrack"), node.toString());
    }
  }

  @Test
  void pluginRegistersIdxImageFolderRingGridAndStackedMnistAsDatasets() {
    List<PluginType> types = new DatasetsPlugin().types();
    assertEquals(
        List.of("dataset/idx", "dataset/image-folder", "dataset/ring", "dataset/grid", "dataset/stacked-mnist"),
        types.stream().map(PluginType::key).toList());
    assertTrue(types.stream().allMatch(t -> t.kind() == PluginKind.DATASET && !t.description().isBlank()));
  }
}

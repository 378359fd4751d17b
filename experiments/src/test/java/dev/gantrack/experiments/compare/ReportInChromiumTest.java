package dev.gantrack.experiments.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gantrack.experiments.cli.Gantrack;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code gantrack report}'s page in a real headless Chromium (Debian's chromium and chromedriver,
 * installed by tools/browser-env), opened from a file with no network: it loads without a console
 * error, each metric's chart draws every run's line in the run's colour, the sample grids decode,
 * and clicking a column header sorts the runs by it, both ways.
 */
@Tag("slow")
class ReportInChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  @TempDir static Path dir;
  private static ChromeDriver browser;
  private static Path page;

  @BeforeAll
  static void open() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("needs Debian's chromium and chromium-driver: run tools/browser-env");
    }
    Path sweep = Files.createDirectories(dir.resolve("runs"));
    RunFolders.trial(sweep, "001-aaaaaaaaaaaa", 1, Map.of("loss.type", "hinge"), 100, 100,
        s -> 1.0 - s / 200.0, s -> 1.0 + s / 100.0, "FINISHED", null, Color.RED, 24);        // d_loss ends 0.5
    RunFolders.trial(sweep, "002-bbbbbbbbbbbb", 2, Map.of("loss.type", "lsgan"), 100, 100,
        s -> 0.9, s -> 0.3, "FINISHED", null, Color.GREEN, 24);                               // d_loss 0.9
    RunFolders.trial(sweep, "003-cccccccccccc", 3, Map.of("loss.type", "minimax"), 100, 60,
        s -> 0.2 + s / 1000.0, s -> 2.0, "FAILED", "training diverged at step 60", Color.BLUE, 24); // d_loss ends 0.26
    page = dir.resolve("report.html");
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "report", sweep.toString(),
        "--rank", "d_loss:min", "-o", page.toString());
    assertEquals(0, code, err.toString());

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--window-size=1400,1600");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.get(page.toUri().toString());
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void thePageLoadsWithoutAnyConsoleError() {
    List<String> problems = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        problems.add(e.getLevel() + " " + e.getMessage());
      }
    }
    assertEquals(List.of(), problems);
    assertEquals("complete", ((JavascriptExecutor) browser).executeScript("return document.readyState"));
  }

  @Test
  void eachMetricsChartDrawsEveryRunInItsColour() throws Exception {
    List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
    assertEquals(List.of("d_loss", "g_loss"), charts.stream().map(c -> c.getAttribute("data-metric")).toList());
    for (WebElement chart : charts) {
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chart.findElement(By.tagName("canvas")).getScreenshotAs(OutputType.BYTES)));
      for (int run = 0; run < 3; run++) {
        Color c = Color.decode(HtmlReport.COLORS.get(run));
        int pixels = pixelsNear(shot, c);
        assertTrue(pixels >= 30, chart.getAttribute("data-metric") + ": run " + run + "'s line (" + HtmlReport.COLORS.get(run)
            + ") has " + pixels + " pixels");
      }
    }
  }

  @Test
  void theSampleGridsAreInThePageAndDecode() {
    List<WebElement> images = browser.findElements(By.cssSelector(".samples img"));
    assertEquals(3, images.size());
    for (WebElement img : images) {
      assertEquals(24L, ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", img));
    }
  }

  @Test
  void clickingAHeaderSortsTheRunsByThatColumnBothWays() {
    assertEquals(List.of("003-cccccccccccc", "001-aaaaaaaaaaaa", "002-bbbbbbbbbbbb"), order(), "first by the ranking: d_loss:min");
    WebElement dLoss = browser.findElement(By.cssSelector("th[data-metric='d_loss']"));
    dLoss.click();
    assertEquals("ascending", dLoss.getAttribute("aria-sort"));
    assertEquals(List.of("003-cccccccccccc", "001-aaaaaaaaaaaa", "002-bbbbbbbbbbbb"), order());
    dLoss.click();
    assertEquals("descending", dLoss.getAttribute("aria-sort"));
    assertEquals(List.of("002-bbbbbbbbbbbb", "001-aaaaaaaaaaaa", "003-cccccccccccc"), order());
    browser.findElement(By.cssSelector("th[data-metric='g_loss']")).click();
    assertEquals(List.of("002-bbbbbbbbbbbb", "001-aaaaaaaaaaaa", "003-cccccccccccc"), order(), "g_loss 0.3 < 2.0 = 2.0 (by d_loss tie order)");
    WebElement steps = browser.findElements(By.cssSelector("#runs th")).get(3);
    steps.click();
    assertEquals("003-cccccccccccc", order().get(0), "60 steps before 100, as numbers");
    WebElement loss = browser.findElements(By.cssSelector("#runs th")).get(4);
    loss.click();
    assertEquals(List.of("001-aaaaaaaaaaaa", "002-bbbbbbbbbbbb", "003-cccccccccccc"), order(), "hinge, lsgan, minimax");
  }

  private static List<String> order() {
    return browser.findElements(By.cssSelector("#runs tbody tr")).stream().map(r -> r.getAttribute("data-run")).toList();
  }

  private static int pixelsNear(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        Color p = new Color(img.getRGB(x, y));
        if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen()) + Math.abs(p.getBlue() - c.getBlue()) < 40) {
          n++;
        }
      }
    }
    return n;
  }

}

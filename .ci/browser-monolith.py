#!/usr/bin/env python3
"""A real browser against a running generated monolith (the full-featured one: accounts, articles,
admin portal). Selenium drives Debian's headless Chromium through chromium-driver, as a person would:
signs up, is refused the admin, signs in as the admin, creates articles, finds one by search, edits
it with an invalid value and sees the message beside the field, fixes it, bulk-deletes with the
confirmation page, sees the history and the recent actions, and logs out. Then a cross-site form
post without the CSRF token is refused and changes nothing.

Usage: browser-monolith.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD SCREENSHOT_DIR [--readme-svg FILE]
  Every step leaves a screenshot in SCREENSHOT_DIR (and failed.png / failed.html on a failure).
  --readme-svg FILE writes the admin list screenshot as an SVG (the PNG inside as a data URI),
  the form the generator carries for the generated README.
Needs: pip install selenium; apt-get install chromium chromium-driver. Exit status 0 when every
step passed, 1 on the first failure.
"""
import base64
import os
import shutil
import struct
import sys
import time
import urllib.parse
import uuid

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


class StepFailed(Exception):
    pass


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    svg_out = None
    if "--readme-svg" in argv:
        svg_out = argv[argv.index("--readme-svg") + 1]
        args.remove(svg_out)
    if len(args) != 4:
        print(__doc__.strip().splitlines()[-6], file=sys.stderr)
        print("usage: browser-monolith.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD SCREENSHOT_DIR [--readme-svg FILE]", file=sys.stderr)
        return 64
    base, admin_email, admin_password, shots = args
    base = base.rstrip("/")
    os.makedirs(shots, exist_ok=True)

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--window-size=1100,760", "--lang=en-US"):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    browser = Browser(driver, base, shots)
    started = time.monotonic()
    try:
        run(browser, admin_email, admin_password, svg_out)
    except (StepFailed, WebDriverException, AssertionError) as error:
        browser.fail(error)
        return 1
    finally:
        driver.quit()
    print(f"{browser.passed} passed, 0 failed  ({time.monotonic() - started:.1f} s; screenshots in {os.path.abspath(shots)})")
    return 0


class Browser:
    def __init__(self, driver, base, shots):
        self.driver, self.base, self.shots = driver, base, shots
        self.passed = 0
        self.shot_count = 0

    def open(self, path):
        self.driver.get(self.base + path)
        self.settle()

    def settle(self):
        """Waits until the new page has loaded, so no element is read from a document being replaced."""
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def find(self, css):
        return WebDriverWait(self.driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        # A node can still go stale between lookup and read while Chromium swaps documents: read again.
        for attempt in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException:
                if attempt == 4:
                    raise
                time.sleep(0.2)
                self.settle()

    def fill(self, name, value):
        field = self.find(f'[name="{name}"]')
        field.clear()
        if value:
            field.send_keys(value)

    def submit(self, css):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.find(css).click()
        WebDriverWait(self.driver, 10).until(EC.staleness_of(old))
        self.settle()

    def shot(self, name):
        self.shot_count += 1
        path = os.path.join(self.shots, f"{self.shot_count:02d}-{name}.png")
        self.driver.save_screenshot(path)
        return path

    def check(self, what, condition, detail=""):
        if not condition:
            raise StepFailed(f"{what}{': ' + detail if detail else ''}")
        self.passed += 1
        print(f"  ok    {what}")

    def fail(self, error):
        self.driver.save_screenshot(os.path.join(self.shots, "failed.png"))
        with open(os.path.join(self.shots, "failed.html"), "w", encoding="utf-8") as out:
            out.write(self.driver.page_source)
        print(f"  FAIL  {error}\n        at {self.driver.current_url}; see failed.png and failed.html in {self.shots}", file=sys.stderr)


def run(b, admin_email, admin_password, svg_out):
    tag = uuid.uuid4().hex[:8]
    user_email = f"browser-{tag}@example.com"

    # 1. Sign up: the layout then knows who is signed in, and shows no admin link.
    b.open("/register")
    b.fill("email", user_email)
    b.fill("password", "a browser's own password")
    b.submit("form.stack button")
    b.check("sign-up lands signed in (the header names the user)", b.find("#signed-in-user").text == user_email)
    b.check("a signed-up user sees a flash message", "Welcome" in b.text())
    b.check("no Admin link for a user who is not an admin", not b.all('nav a[href="/admin"]'))
    b.shot("signed-up")

    # 2. The admin refuses them with 403, not an error.
    b.open("/admin/articles")
    b.check("the admin portal refuses a non-admin (403 page)", "403 Forbidden" in b.text() and b.all("#forbidden"), b.text()[:200])
    b.shot("admin-refused")

    # 3. Log out (a POST from the header's button), then sign in as the admin.
    b.submit("#log-out")
    b.check("log-out: the header offers Log in again", b.all('nav a[href="/login"]') and not b.all("#signed-in-user"))
    b.open("/login")
    b.fill("email", admin_email)
    b.fill("password", admin_password)
    b.submit("form.stack button")
    b.check("the admin signs in", b.find("#signed-in-user").text == admin_email)
    b.check("the admin sees the Admin link", bool(b.all('nav a[href="/admin"]')))

    # 4. Create articles through the admin's form; the flash message confirms each.
    title = f"Browser check {tag}"
    for name, body, published in ((title, "Written by Selenium in headless Chromium.", True),
                                  ("Release notes for the spring update", "What changed this spring.", True),
                                  ("Getting started with the help desk", "A first tour.", False)):
        b.open("/admin/articles/new")
        b.fill("title", name)
        b.fill("body", body)
        box = b.find('[name="published"]')
        if box.is_selected() != published:
            box.click()
        b.submit("#save")
        b.check(f"created “{name}” (flash message)", f"“{name}” was added" in b.text(), b.text()[:300])
    b.open("/admin/articles")
    readme_png = b.shot("admin-articles-list")

    # 5. Find it by search.
    b.fill("q", tag.upper())
    b.submit("form.search button")
    rows = b.all('input[name="ids[]"]')
    b.check("search finds exactly the new article (case-insensitive)", len(rows) == 1 and title in b.text(), f"{len(rows)} rows")
    b.shot("admin-search")

    # 6. Edit with an invalid value: the message appears beside the field, and nothing is saved.
    b.driver.find_element(By.LINK_TEXT, "Edit").click()
    b.find("#field-title")
    b.fill("title", "")
    b.submit("#save")
    message = b.find("#field-title .field-error").text
    b.check("an empty title is refused with the message beside the Title field", message == "This field is required.", message)
    b.check("the form says to correct the errors", "Please correct the error below." in b.text())
    b.shot("admin-field-error")
    b.fill("title", title + " (edited)")
    b.submit("#save")
    b.check("the corrected article is saved (flash message)", f"“{title} (edited)” was changed" in b.text(), b.text()[:300])

    # 7. The history: who, when, what changed.
    b.fill("q", tag)
    b.submit("form.search button")
    b.driver.find_element(By.LINK_TEXT, "Edit").click()
    b.submit("#history-link")
    history = b.find("#history").text
    b.check("the history shows the creation and the change, by the admin",
            "created" in history and "changed" in history and admin_email in history, history)
    b.check("the history shows what changed (the title, old → new)", f"Title: {title} → {title} (edited)" in history, history)
    b.shot("admin-history")

    # 8. Bulk delete, behind a confirmation page.
    b.open("/admin/articles?q=" + urllib.parse.quote(tag))
    for box in b.all('input[name="ids[]"]'):
        box.click()
    b.submit("#delete-selected")
    b.check("bulk delete asks first, naming the article", "Are you sure?" in b.text() and f"{title} (edited)" in b.find("#to-delete").text)
    b.shot("admin-confirm-delete")
    b.submit("#confirm-delete")
    b.check("confirmed: deleted (flash message)", "Deleted 1 article." in b.text(), b.text()[:300])
    b.open("/admin/articles?q=" + urllib.parse.quote(tag))
    b.check("the deleted article is gone from the list", not b.all('input[name="ids[]"]'))
    b.open("/admin")
    recent = b.find("#recent-actions").text
    b.check("recent actions list the deletion, the change and the creation",
            all(word in recent for word in ("deleted", "changed", "created")), recent)
    b.shot("admin-recent-actions")

    # 9. A cross-site form post without the token is refused and changes nothing. The attacker's
    # page is a data: URL (an opaque origin) that posts a new article to the admin on load.
    forged = f"Forged {tag}"
    page = (f'<form method="post" action="{b.base}/admin/articles">'
            f'<input name="title" value="{forged}"><input name="body" value="x"><input name="published" value="on">'
            f'</form><script>document.forms[0].submit()</script>')
    b.driver.get("data:text/html;base64," + base64.b64encode(page.encode()).decode())
    WebDriverWait(b.driver, 10).until(lambda d: d.current_url.startswith(b.base))
    body = b.text()
    b.check("a cross-site form post without the CSRF token is refused (403)",
            "403 Forbidden" in body or "CSRF verification failed" in body, body[:200])
    b.shot("cross-site-post-refused")
    b.open("/admin/articles?q=" + urllib.parse.quote(forged))
    b.check("and nothing was created", not b.all('input[name="ids[]"]') and "No Articles match" in b.text())

    # 10. Log out; the admin is closed again.
    b.open("/")
    b.submit("#log-out")
    b.check("logged out", bool(b.all('nav a[href="/login"]')))
    b.open("/admin")
    b.check("after log-out the admin sends to the login page", b.driver.current_url.rstrip("/").endswith("/login"), b.driver.current_url)
    b.shot("logged-out")

    if svg_out:
        write_svg(readme_png, svg_out)
        print(f"  wrote {svg_out}")


def write_svg(png_path, out_path):
    """The PNG inside an SVG as a data URI: a text file the generator can carry as a template."""
    with open(png_path, "rb") as f:
        data = f.read()
    width, height = struct.unpack(">II", data[16:24])
    encoded = base64.b64encode(data).decode()
    lines = [encoded[i:i + 120] for i in range(0, len(encoded), 120)]
    with open(out_path, "w", encoding="ascii") as out:
        out.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">\n')
        out.write("<title>The admin portal's articles list: search, a Published filter, sortable columns, bulk delete</title>\n")
        out.write(f'<image width="{width}" height="{height}" href="data:image/png;base64,\n' + "\n".join(lines) + '"/>\n</svg>\n')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

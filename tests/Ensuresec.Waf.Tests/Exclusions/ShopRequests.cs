using System.Net;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests.Exclusions;

/// <summary>
/// Normal admin and checkout requests of four shop platforms, built from their public source and documentation:
/// the routes and parameter names are theirs, the values the kind each field carries. Each cites where it comes from.
/// </summary>
internal static class ShopRequests
{
    private static string Form(params (string Name, string Value)[] fields) => string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Name) + "=" + WebUtility.UrlEncode(f.Value)));

    private const string ProductHtml = "<p>Soft <strong>organic cotton</strong> tee &ndash; 180 g/m&sup2;.</p>\n<ul><li>Machine wash 30&deg;C</li><li>Fits true to size (see chart)</li></ul>\n<p><img src=\"https://shop.example/media/tee-front.jpg\" alt=\"Front\" width=\"600\" height=\"600\" style=\"float: left; margin: 0 10px;\"></p>\n<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen=\"allowfullscreen\"></iframe>\n<p><a href=\"https://shop.example/size-guide\" target=\"_blank\" rel=\"noopener\">Size guide</a></p>";

    public static IEnumerable<(string Shop, string What, HttpRequestData Request)> All()
    {
        // WooCommerce on WordPress.
        // wp-admin/post.php (action=editpost -> edit_post() reads content, excerpt, post_title); product meta from
        // woocommerce/includes/admin/meta-boxes/class-wc-meta-box-product-data.php (_regular_price, _sku, ...).
        yield return ("woocommerce", "product save in the classic editor", Requests.Post("/wp-admin/post.php", "application/x-www-form-urlencoded", Form(
            ("_wpnonce", "8c1f0e2a9b"), ("_wp_http_referer", "/wp-admin/post.php?post=123&action=edit"), ("action", "editpost"), ("post_ID", "123"),
            ("post_type", "product"), ("post_title", "Organic Tee \"Classic\""), ("content", ProductHtml), ("excerpt", "<p>Our best-selling tee &amp; a <em>classic</em> fit.</p>"),
            ("_regular_price", "24.90"), ("_sale_price", ""), ("_sku", "TEE-ORG-01"), ("product-type", "simple"))));

        // WooCommerce REST API v3, "Update a product" (woocommerce.github.io/woocommerce-rest-api-docs/#update-a-product).
        yield return ("woocommerce", "product update through the REST API", Requests.Post("/wp-json/wc/v3/products/123", "application/json",
            "{\"name\":\"Organic Tee\",\"regular_price\":\"24.90\",\"description\":" + System.Text.Json.JsonSerializer.Serialize(ProductHtml) + ",\"short_description\":\"<p>Best seller.</p>\",\"categories\":[{\"id\":9}]}"));

        // Checkout: woocommerce/includes/class-wc-ajax.php (wc-ajax=checkout) and class-wc-checkout.php (billing_* fields, order_comments).
        yield return ("woocommerce", "checkout", Requests.Post("/?wc-ajax=checkout", "application/x-www-form-urlencoded", Form(
            ("billing_first_name", "Zoë"), ("billing_last_name", "O'Connor-Smith"), ("billing_company", "O'Connor & Sons (Ltd.)"), ("billing_country", "IE"),
            ("billing_address_1", "12 Main St., Apt #4"), ("billing_city", "Dublin"), ("billing_postcode", "D02 X285"), ("billing_phone", "+353 1 555 0100"),
            ("billing_email", "zoe.oconnor+shop@example.com"), ("order_comments", "Please don't ring -- leave at the back door & call me; thanks!"),
            ("payment_method", "stripe"), ("woocommerce-process-checkout-nonce", "4a5b6c7d8e"), ("_wp_http_referer", "/?wc-ajax=update_order_review"))));

        // The checkout script sends the whole form serialised in post_data (woocommerce/assets/js/frontend/checkout.js, update_order_review).
        yield return ("woocommerce", "order review refresh", Requests.Post("/?wc-ajax=update_order_review", "application/x-www-form-urlencoded", Form(
            ("security", "1a2b3c4d5e"), ("payment_method", "stripe"), ("country", "IE"), ("postcode", "D02 X285"),
            ("post_data", "billing_first_name=Zo%C3%AB&billing_last_name=O%27Connor&billing_address_1=12+Main+St.%2C+Apt+%234&order_comments=leave+at+door+%26+call&_wp_http_referer=%2F%3Fwc-ajax%3Dupdate_order_review&woocommerce-process-checkout-nonce=4a5b6c7d8e"))));

        // PayPal Standard IPN: woocommerce/includes/gateways/paypal/includes/class-wc-gateway-paypal-ipn-handler.php (custom holds JSON).
        yield return ("woocommerce", "PayPal IPN webhook", Requests.Post("/?wc-api=WC_Gateway_Paypal", "application/x-www-form-urlencoded", Form(
            ("mc_gross", "49.80"), ("invoice", "WC-1042"), ("protection_eligibility", "Eligible"), ("payer_id", "LPLWNMTBWMFAY"), ("payment_status", "Completed"),
            ("custom", "{\"order_id\":1042,\"order_key\":\"wc_order_5a1b2c3d\"}"), ("txn_id", "61E67681CH3238416"), ("payer_email", "buyer@example.com"),
            ("notify_version", "3.9"), ("verify_sign", "AtkOfCXbDm2hu0ZELryHFjY-Vb7PAUvS6nMXgysbElEn9v-1XcmSoGtf"))));

        // Magento 2: CMS page save, app/code/Magento/Cms/Controller/Adminhtml/Page/Save.php; widget and media directives as the
        // WYSIWYG editor inserts them (Magento docs, "Widgets" and "Markup tags").
        yield return ("magento", "CMS page save with widget directives", Requests.Post("/admin/cms/page/save/", "application/x-www-form-urlencoded", Form(
            ("form_key", "Kx7aQ2Lm9Pz1Rt5W"), ("is_active", "1"), ("title", "Summer Sale"), ("identifier", "summer-sale"),
            ("content", "<h2>Summer sale</h2>\n<p>{{media url=\"wysiwyg/banner-summer.jpg\"}}</p>\n{{widget type=\"Magento\\CatalogWidget\\Block\\Product\\ProductsList\" show_pager=\"0\" products_count=\"10\" template=\"Magento_CatalogWidget::product/widget/content/grid.phtml\" conditions_encoded=\"^[`1`:^[`type`:`Magento||CatalogWidget||Model||Rule||Condition||Combine`,`aggregator`:`all`,`value`:`1`,`new_child`:``^],`1--1`:^[`type`:`Magento||CatalogWidget||Model||Rule||Condition||Product`,`attribute`:`category_ids`,`operator`:`==`,`value`:`12`^]^]\"}}\n<p><a href=\"{{store url='sale'}}\">See all</a></p>"),
            ("content_heading", "Summer"), ("page_layout", "1column"))));

        // Product save: app/code/Magento/Catalog/Controller/Adminhtml/Product/Save.php (product[...] fields).
        yield return ("magento", "product save", Requests.Post("/admin/catalog/product/save/id/42/", "application/x-www-form-urlencoded", Form(
            ("form_key", "Kx7aQ2Lm9Pz1Rt5W"), ("product[name]", "Organic Tee"), ("product[sku]", "TEE-ORG-01"), ("product[price]", "24.90"),
            ("product[description]", ProductHtml), ("product[short_description]", "<p>Best seller &amp; classic fit.</p>"), ("product[url_key]", "organic-tee"))));

        // Guest checkout over REST: "Place an order for a guest" (Magento REST docs), POST /V1/guest-carts/{cartId}/payment-information.
        yield return ("magento", "guest checkout payment information", Requests.Post("/rest/default/V1/guest-carts/x7Yq2Lm9Pz1Rt5WkA8/payment-information", "application/json",
            "{\"cartId\":\"x7Yq2Lm9Pz1Rt5WkA8\",\"billingAddress\":{\"countryId\":\"FR\",\"street\":[\"12 Rue de l'Église\",\"Bât. B\"],\"postcode\":\"42000\",\"city\":\"Saint-Étienne\",\"firstname\":\"Zoë\",\"lastname\":\"D'Arcy\",\"telephone\":\"+33 4 77 00 00 00\"},\"paymentMethod\":{\"method\":\"checkmo\",\"po_number\":null,\"additional_data\":null},\"email\":\"zoe@example.com\"}"));

        // Cart update: app/code/Magento/Checkout/Controller/Cart/UpdatePost.php (cart[itemId][qty], update_cart_action).
        yield return ("magento", "cart update", Requests.Post("/checkout/cart/updatePost/", "application/x-www-form-urlencoded", Form(
            ("form_key", "Kx7aQ2Lm9Pz1Rt5W"), ("cart[1234][qty]", "2"), ("cart[1235][qty]", "1"), ("update_cart_action", "update_qty"))));

        // PrestaShop 1.7/8 product page form: src/PrestaShopBundle/Form/Admin/Product/ProductInformation.php (description per language).
        yield return ("prestashop", "product save", Requests.Post("/admin123/index.php/sell/catalog/products/1?_token=QW3rTy8uIo", "application/x-www-form-urlencoded", Form(
            ("form[step1][name][1]", "Organic Tee"), ("form[step1][description][1]", ProductHtml), ("form[step1][description_short][1]", "<p>Best seller.</p>"),
            ("form[step2][price]", "24.90"), ("form[_token]", "x9Yt7Re5Wq"))));

        // CMS page: controllers/admin/AdminCmsContentController.php with classes/CMS.php (content per language: content_1).
        yield return ("prestashop", "CMS page save", Requests.Post("/admin123/index.php?controller=AdminCmsContent&token=5f4dcc3b5aa765d6&id_cms=4&updatecms", "application/x-www-form-urlencoded", Form(
            ("meta_title_1", "Delivery"), ("content_1", "<h2>Delivery</h2><p>Orders before 2 p.m. ship the same day; see <a href=\"/content/3-terms\">terms &amp; conditions</a>.</p><iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\"></iframe>"),
            ("active", "1"), ("submitAddcms", "1"))));

        // Front cart: controllers/front/CartController.php (token, id_product, id_customization, qty, add, action).
        yield return ("prestashop", "add to cart", Requests.Post("/index.php?controller=cart", "application/x-www-form-urlencoded", Form(
            ("token", "f1e2d3c4b5a6"), ("id_product", "1"), ("id_customization", "0"), ("group[1]", "2"), ("qty", "1"), ("add", "1"), ("action", "update"))));

        // Checkout address step: classes/checkout/CheckoutAddressesStep.php and the address form (firstname, address1, ...).
        yield return ("prestashop", "checkout address", Requests.Post("/index.php?controller=order", "application/x-www-form-urlencoded", Form(
            ("id_address", "0"), ("firstname", "Zoë"), ("lastname", "D'Arcy"), ("company", "D'Arcy & Fils"), ("address1", "12 Rue de l'Église"), ("address2", "Bât. B, 2e étage"),
            ("postcode", "42000"), ("city", "Saint-Étienne"), ("id_country", "8"), ("phone", "+33 4 77 00 00 00"), ("saveAddress", "delivery"), ("confirm-addresses", "1"))));

        // nopCommerce: Areas/Admin/Controllers/ProductController.cs (Edit POST) with ProductModel (FullDescription from the HTML editor).
        yield return ("nopcommerce", "product save", Requests.Post("/Admin/Product/Edit/1", "application/x-www-form-urlencoded", Form(
            ("Id", "1"), ("Name", "Organic Tee"), ("ShortDescription", "Best seller & classic fit."), ("FullDescription", ProductHtml), ("Sku", "TEE-ORG-01"),
            ("Price", "24.90"), ("Published", "true"), ("save-continue", ""), ("__RequestVerificationToken", "CfDJ8N5v2p9yHq0xLw3"))));

        // Topics (CMS pages): Areas/Admin/Controllers/TopicController.cs with TopicModel.Body.
        yield return ("nopcommerce", "topic save", Requests.Post("/Admin/Topic/Edit/5", "application/x-www-form-urlencoded", Form(
            ("Id", "5"), ("SystemName", "ShippingInfo"), ("Title", "Shipping & returns"), ("Body", "<p>Free shipping over $50; returns within 30 days.</p><p><script async src=\"https://widget.trustpilot.example/bootstrap.js\"></script></p>"),
            ("Published", "true"), ("__RequestVerificationToken", "CfDJ8N5v2p9yHq0xLw3"))));

        // One-page checkout: Nop.Web/Controllers/CheckoutController.cs (OpcSaveBilling) with CheckoutBillingAddressModel (BillingNewAddress.*).
        yield return ("nopcommerce", "one-page checkout billing", Requests.Post("/checkout/OpcSaveBilling/", "application/x-www-form-urlencoded", Form(
            ("BillingNewAddress.FirstName", "Zoë"), ("BillingNewAddress.LastName", "O'Connor"), ("BillingNewAddress.Email", "zoe@example.com"),
            ("BillingNewAddress.Company", "O'Connor & Sons"), ("BillingNewAddress.CountryId", "1"), ("BillingNewAddress.City", "New York"),
            ("BillingNewAddress.Address1", "350 5th Ave, Fl. 34"), ("BillingNewAddress.ZipPostalCode", "10118"), ("BillingNewAddress.PhoneNumber", "(212) 555-0100"),
            ("ship_to_same_address", "true"), ("__RequestVerificationToken", "CfDJ8N5v2p9yHq0xLw3"))));

        // Cart update: Nop.Web/Controllers/ShoppingCartController.cs (UpdateCart reads itemquantity{id}).
        yield return ("nopcommerce", "cart update", Requests.Post("/cart", "application/x-www-form-urlencoded", Form(
            ("itemquantity1234", "2"), ("itemquantity1235", "1"), ("updatecart", ""), ("__RequestVerificationToken", "CfDJ8N5v2p9yHq0xLw3"))));
    }
}

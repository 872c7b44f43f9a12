/// The project's sample article (shared/articles/syria-ceasefire.txt), split the way the ingest
/// stage splits it: title, caption, body (with subheadings and the byline still in it).
enum SampleArticle {
    static let title = "US and Russia closer to Syria ceasefire"
    static let caption = "(L-R) US Secretary of State, John Kerry and his Russian counterpart Sergei Lavrov"
    static let body = """
        (L-R) US Secretary of State, John Kerry and his Russian counterpart Sergei Lavrov

        The US Secretary of State, John Kerry says he and his Russian counterpart Sergei Lavrov have achieved clarity on the path forward in Syria but have ‘narrow issues’ to resolve.

        The two held talks in Geneva to try to find a way of reviving a cessation of hostilities that faltered months ago.

        Mr Kerry said they were close but would not rush into an agreement.

        The talks come as the Damascus suburb of Darayya was evacuated after a four-year siege by the government.

        After meeting for nearly 10 hours, Mr Kerry said the vast majority of technical discussions had been completed, stressing that “experts would remain in Geneva to work on the unresolved steps in the coming days.”

        Political agreement
        He said that the only way to solve the conflict was through political agreement.

        “We want to have something done that is effective and that works for the people of Syria, that makes the region more stable and secure and that brings us to the table here in Geneva to find a political solution,” Mr Kerry stated.

        He reminded journalists of the image, widely shared on social media, of a five-year-old boy sitting dazed in an ambulance after an air strike in Aleppo, saying “that image needs to motivate all of us, to get the job done.”

        Mr Kerry said the Syrian government, with the help of its allies including Russia, continued to breach the terms of an existing cessation of hostilities agreements.

        “Aleppo continues to be besieged and bombarded by the regime and its allies, including Iran, Russia and Hezbollah and the regime just today forced the surrender of Darayya after a brutal four years of siege,” he explained.

        Mr Kerry was speaking hours after the first buses left Darayya, accompanied by ambulances and Red Crescent vehicles.

        The UN has expressed concern over the plan, saying it is essential that those leaving do so voluntarily.

        The Syrian army encircled Darayya in 2012 and just one aid delivery has reached the town since then.

        Safe passage
        Opposition fighters are due to be given safe passage to the rebel-held city of Idlib, while civilians are going to government shelters in Damascus.

        “The withdrawal of rebels just a few miles from Damascus is a boost for President Bashar al-Assad,” analysts say.

        For years those living in Darayya have endured constant shelling, as well as suffering shortages of food, water and electricity.

        Some of those leaving said the town had become uninhabitable.

        Darayya saw some of the first protests against the Syrian government, an uprising that transformed into a full-blown civil conflict.

        Mercy Chukwudiebere
        """
}
